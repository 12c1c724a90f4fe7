// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/init.h>

MODULE_LICENSE("GPL"); /* ok: license/conflicting */
MODULE_DESCRIPTION("two objects, two licenses");

static int __init twolic_init(void)
{
	return 0;
}
module_init(twolic_init);

static void __exit twolic_exit(void)
{
}
module_exit(twolic_exit);
