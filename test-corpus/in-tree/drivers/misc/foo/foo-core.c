// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/init.h>
#include "foo.h"

static int __init foo_init(void)
{
	return foo_i2c_register();
}
module_init(foo_init);

static void __exit foo_exit(void)
{
}
module_exit(foo_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Foo device driver");
