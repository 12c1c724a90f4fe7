// SPDX-License-Identifier: GPL-2.0
/* ucuser.c — uses what ucblock.c defines after its #if 0 block */
#include <linux/module.h>
#include "ucblock.h"

static int __init ucuser_init(void)
{
	return ucblock_funcs.get(0); /* ok: symbol/unresolved */
}

static void __exit ucuser_exit(void)
{
}

module_init(ucuser_init);
module_exit(ucuser_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("uses a definition after a broken #if 0 block");
