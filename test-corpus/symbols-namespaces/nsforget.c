// SPDX-License-Identifier: GPL-2.0
/* nsforget.c — uses namespaced symbols without importing them */
#include <linux/module.h>
#include "nsprov.h"

static int __init nsforget_init(void)
{
	return nsprov_explicit() /* expect: symbol/namespace-not-imported */
		+ nsprov_default(); /* expect: symbol/namespace-not-imported */
}
module_init(nsforget_init); /* expect: init/no-exit */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("forgets its imports");
