// SPDX-License-Identifier: GPL-2.0
/* dbfb.c — the same macro name, another exported name */
#include <linux/module.h>

#define DBF_AREA dbfb_area

int *DBF_AREA;
EXPORT_SYMBOL(DBF_AREA); /* ok: symbol/exported-twice */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports dbfb_area");
