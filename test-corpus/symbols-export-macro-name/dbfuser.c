// SPDX-License-Identifier: GPL-2.0
/* dbfuser.c — uses what dbfb.c exports */
#include <linux/module.h>

extern int *dbfb_area;

static int __init dbfuser_init(void)
{
	return dbfb_area ? 0 : -ENODEV; /* ok: symbol/unresolved */
}

static void __exit dbfuser_exit(void)
{
}

module_init(dbfuser_init);
module_exit(dbfuser_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("uses dbfb_area");
