// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/init.h>

MODULE_AUTHOR("Someone <someone@example.com>");
MODULE_DESCRIPTION("forgot its license");

static int __init nolic_init(void)
{
	return 0;
}

static void __exit nolic_exit(void)
{
}

module_init(nolic_init); /* expect: license/missing@1 */
module_exit(nolic_exit);
