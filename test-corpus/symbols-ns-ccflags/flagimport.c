// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include "flagprov.h"

static int __init flagimport_init(void)
{
	return flagprov_value() == 42 ? 0 : -1; /* ok: symbol/namespace-not-imported */
}
module_init(flagimport_init); /* expect: init/no-exit@1 */

MODULE_IMPORT_NS(FLAGNS); /* ok: symbol/namespace-import-unused */
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("imports FLAGNS");
