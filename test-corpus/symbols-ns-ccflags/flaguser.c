// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include "flagprov.h"

static int __init flaguser_init(void)
{
	return flagprov_value() == 42 ? 0 : -1; /* expect: symbol/namespace-not-imported@9 */
}
module_init(flaguser_init); /* expect: init/no-exit@1 */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("forgets to import FLAGNS");
