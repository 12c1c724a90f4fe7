// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/init.h>

static int __exit wrong_init(void)
{
	return 0;
}
module_init(wrong_init); /* expect: init/wrong-annotation@1 */

static void __init wrong_exit(void)
{
}
module_exit(wrong_exit); /* expect: init/wrong-annotation@1 */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("init and exit swapped");
