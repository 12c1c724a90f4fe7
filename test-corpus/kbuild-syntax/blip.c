// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

static int __init blip_init(void)
{
	return 0;
}
module_init(blip_init);

static void __exit blip_exit(void)
{
}
module_exit(blip_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Blip");
