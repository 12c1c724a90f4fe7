// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

static int __init gatedemo_extra_init(void)
{
	return 0;
}
module_init(gatedemo_extra_init); /* expect: license/missing@1 "gatedemo_extra" */

static void __exit gatedemo_extra_exit(void)
{
}
module_exit(gatedemo_extra_exit);

MODULE_DESCRIPTION("a part a configuration of this kernel can build");
