// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/init.h>

extern int split_helper(void); /* expect: symbol/extern-in-c@12 */

static int __init split_init(void)
{
	return split_helper();
}
module_init(split_init); /* expect: license/missing@1, init/no-exit@1 */
MODULE_DESCRIPTION("neither object has a license");
