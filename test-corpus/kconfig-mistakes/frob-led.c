// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

static int __init frob_led_init(void)
{
	return 0;
}
module_init(frob_led_init);

static void __exit frob_led_exit(void)
{
}
module_exit(frob_led_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Frob LED trigger");
