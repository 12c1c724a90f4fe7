// SPDX-License-Identifier: GPL-2.0
/* main.c — calls what its optional parts define */
#include <linux/module.h>

int objvar_pci(void);
int objvar_amba(void);

static int __init objvar_init(void)
{
	return objvar_pci() /* ok: symbol/unresolved */
		+ objvar_amba(); /* expect: symbol/unresolved@5 "leaves out (amba.o" */
}

static void __exit objvar_exit(void)
{
}

module_init(objvar_init);
module_exit(objvar_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("parts listed through variables named obj-...");
