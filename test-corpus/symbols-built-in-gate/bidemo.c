// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/cpu.h>

static int __init bidemo_init(void)
{
	default_idle(); /* ok: symbol/unresolved */
	return 0;
}
module_init(bidemo_init); /* expect-notification: rule-skipped */

static void __exit bidemo_exit(void)
{
}
module_exit(bidemo_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a module the assumed kernel builds in");
