// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include "widget.h"
#include "tables.c"

static int __init widget_init(void)
{
	return widget_helper_setup(widget_table[0]);
}
module_init(widget_init);

static void __exit widget_exit(void)
{
}
module_exit(widget_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Widget controller");
