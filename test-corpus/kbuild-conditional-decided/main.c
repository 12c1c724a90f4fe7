// SPDX-License-Identifier: GPL-2.0
/* conddec: its Makefile's switches are its own */
#include <linux/module.h>

static int __init conddec_init(void)
{
	return 0;
}
module_init(conddec_init);

static void __exit conddec_exit(void)
{
}
module_exit(conddec_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("conditionals the Makefile decides");
