// SPDX-License-Identifier: GPL-2.0
/* gplhelper.c — a GPL library module: one GPL-only export, one for everybody */
#include <linux/module.h>
#include "gplhelper.h"

int helper_gpl_fn(int x)
{
	return x * 2;
}
EXPORT_SYMBOL_GPL(helper_gpl_fn); /* ok: symbol/export-placement */

int helper_fn(int x)
{
	return x + 1;
}

EXPORT_SYMBOL(helper_fn); /* expect: symbol/export-placement@1 */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("GPL helper library");
