// SPDX-License-Identifier: GPL-2.0
/* nsuser.c — imports both namespaces it uses, one of them from the kernel */
#include <linux/module.h>
#include "nsprov.h"

static int __init nsuser_init(void)
{
	return nsprov_explicit() + nsprov_default(); /* ok: symbol/namespace-not-imported */
}
module_init(nsuser_init); /* expect: init/no-exit@1 */

MODULE_IMPORT_NS(NSPROV_EXTRA); /* ok: symbol/namespace-import-unused */
MODULE_IMPORT_NS(NSPROV_CORE); /* ok: symbol/namespace-import-unused */
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("namespace user");
