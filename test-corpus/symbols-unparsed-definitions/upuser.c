// SPDX-License-Identifier: GPL-2.0
/* upuser.c — uses the objects updefs.c defines */
#include <linux/module.h>
#include "updefs.h"

static int __init upuser_init(void)
{
	pr_info("upuser: %p %d %s\n", &updefs_pm, /* ok: symbol/unresolved */
		updefs_table[1], /* ok: symbol/unresolved */
		updefs_names[0]); /* ok: symbol/unresolved */
	return 0;
}

static void __exit upuser_exit(void)
{
}

module_init(upuser_init);
module_exit(upuser_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("uses objects defined with unread macros");
