// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

static int __init gatedemo_init(void)
{
	return 0;
}
module_init(gatedemo_init);

static void __exit gatedemo_exit(void)
{
}
module_exit(gatedemo_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modules gated by the package's own Kconfig");
