// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/init.h>
#include <linux/platform_device.h>

static struct platform_driver twice_driver = {
	.driver = { .name = "twice" },
};
module_platform_driver(twice_driver); /* ok: init/duplicate-entry */

static int __init twice_init(void)
{
	return 0;
}
module_init(twice_init); /* expect: init/duplicate-entry@1 */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a driver helper and a module_init");
