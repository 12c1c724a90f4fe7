// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include "cyc.h"

int cycb_fn(void)
{
	return cyca_fn() - 1;
}
EXPORT_SYMBOL_GPL(cycb_fn);

MODULE_LICENSE("GPL"); /* ok: symbol/dependency-cycle */
MODULE_DESCRIPTION("needs cyca");
