// SPDX-License-Identifier: GPL-2.0
/* strver: its MODULE_VERSION is spelt with __stringify and string concatenation */
#include <linux/module.h>
#include <linux/stringify.h>
#include "strver_version.h"

#define STRVER_PATCH 1

static int __init strver_init(void)
{
	return 0;
}
module_init(strver_init);

static void __exit strver_exit(void)
{
}
module_exit(strver_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a version made of macros");
MODULE_VERSION("" __stringify(STRVER_MAJOR) "." __stringify(STRVER_MINOR) "." __stringify(STRVER_PATCH));
