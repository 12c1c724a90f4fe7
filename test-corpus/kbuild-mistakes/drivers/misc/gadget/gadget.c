// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

static int __init gadget_init(void)
{
	return 0;
}
module_init(gadget_init);

static void __exit gadget_exit(void)
{
}
module_exit(gadget_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Gadget device");
