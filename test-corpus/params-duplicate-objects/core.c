// SPDX-License-Identifier: GPL-2.0
/* core.c — the module's entry points; the chips' objects declare the parameters */
#include <linux/module.h>
#include "chips.h"

static int __init dupobj_init(void)
{
	return chip_a_probe() + chip_b_probe();
}

static void __exit dupobj_exit(void)
{
}

module_init(dupobj_init);
module_exit(dupobj_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("parameters of one name in two objects");
