// SPDX-License-Identifier: GPL-2.0
/*
 * imports: a bare token is what 6.1 and 6.12.117 take; a string literal builds there, but imports
 * the name with its quotes: no namespace
 */
#include <linux/module.h>
#include "ns_exports.h"

MODULE_IMPORT_NS(KML_TOKEN); /* ok: symbol/namespace-syntax */
MODULE_IMPORT_NS("KML_FLAG"); /* expect: symbol/namespace-syntax@1 "modpost refuses it" */
MODULE_IMPORT_NS("KML_UNUSED"); /* ok: symbol/namespace-syntax */ /* expect: symbol/namespace-import-unused@1 */

static int __init ns_import_init(void)
{
	return kml_token_fn() + kml_flag_fn(); /* expect: symbol/namespace-not-imported@26 "from namespace KML_FLAG" */
}

static void __exit ns_import_exit(void)
{
}

module_init(ns_import_init);
module_exit(ns_import_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("imports namespaces");
