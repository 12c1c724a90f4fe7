// SPDX-License-Identifier: GPL-2.0
/* nsextra.c — imports a namespace it does not need */
#include <linux/module.h>
#include "nsprov.h"

static int __init nsextra_init(void)
{
	return nsprov_default();
}
module_init(nsextra_init); /* expect: init/no-exit@1 */

MODULE_IMPORT_NS(NSPROV_CORE);
MODULE_IMPORT_NS(NSPROV_EXTRA); /* expect: symbol/namespace-import-unused@1 */
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("imports too much");
