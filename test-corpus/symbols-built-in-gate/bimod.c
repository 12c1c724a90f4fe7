// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/cpu.h>

static int __init bimod_init(void)
{
	default_idle(); /* expect: symbol/unresolved@2 "default_idle" */
	return 0;
}
module_init(bimod_init);

static void __exit bimod_exit(void)
{
}
module_exit(bimod_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a loadable module built against the kernel's exports");
