// SPDX-License-Identifier: GPL-2.0
/* strlcpy() is gone from 6.12 (declared by no header, exported by nothing): use strscpy() */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/string.h>

static char name[16];

static int __init kml_strlcpy_init(void)
{
	strlcpy(name, "kmodlint", sizeof(name)); /* expect: symbol/unresolved@2 "on 6.12 only: strlcpy() is declared nowhere" */
	return 0;
}

static void __exit kml_strlcpy_exit(void)
{
}

module_init(kml_strlcpy_init);
module_exit(kml_strlcpy_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("uses strlcpy");
