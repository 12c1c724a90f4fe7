// SPDX-License-Identifier: GPL-2.0
/* armonly.c — arm64 code: x86's exports say nothing about what it links against */
#include <linux/module.h>

void armonly_platform_call(void);

static int __init armonly_init(void)
{
	armonly_platform_call(); /* ok: symbol/unresolved */
	return 0;
}

static void __exit armonly_exit(void)
{
}

module_init(armonly_init); /* expect-notification: rule-skipped */
module_exit(armonly_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a module of another architecture");
