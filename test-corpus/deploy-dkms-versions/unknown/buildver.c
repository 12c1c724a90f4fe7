// SPDX-License-Identifier: GPL-2.0
/* buildver: the version ends with a stamp the Makefile computes with $(shell ...) */
#include <linux/module.h>

static int __init buildver_init(void)
{
	return 0;
}
module_init(buildver_init);

static void __exit buildver_exit(void)
{
}
module_exit(buildver_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a version stamped by the Makefile");
MODULE_VERSION("1.0-" BUILDVER_STAMP); /* expect-notification: rule-skipped */
