// SPDX-License-Identifier: GPL-2.0
/* A plug-in of a vendor core module that is not in this tree: who exports its symbol, and in
 * which namespace, is unknown. */
#include <linux/module.h>
#include "vendor_core.h"

static int __init nsv_init(void)
{
	return vendor_core_register("nsvendor"); /* expect: symbol/unresolved@9 */
}
module_init(nsv_init);

static void __exit nsv_exit(void)
{
}
module_exit(nsv_exit);

MODULE_IMPORT_NS(VENDOR_CORE); /* ok: symbol/namespace-import-unused */ /* expect-notification: rule-skipped */
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("imports the namespace of a module outside the scan");
