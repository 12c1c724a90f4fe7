// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

static int __init snarf_init(void)
{
	return IS_ENABLED(CONFIG_SNARF_DEBUG);
}
module_init(snarf_init);

static void __exit snarf_exit(void)
{
}
module_exit(snarf_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Snarf driver");
