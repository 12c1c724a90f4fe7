// SPDX-License-Identifier: GPL-2.0
/* nsforget.c — uses namespaced symbols without importing them */
#include <linux/module.h>
#include "nsprov.h"

static int __init nsforget_init(void)
{
	return nsprov_explicit() /* expect: symbol/namespace-not-imported@9 */
		+ nsprov_default(); /* expect: symbol/namespace-not-imported@5 */
}
module_init(nsforget_init); /* expect: init/no-exit@1 */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("forgets its imports");
