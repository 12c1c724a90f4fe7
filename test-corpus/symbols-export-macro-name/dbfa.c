// SPDX-License-Identifier: GPL-2.0
/* dbfa.c — exports its debug area under the name its macro gives */
#include <linux/module.h>

#define DBF_AREA dbfa_area

int *DBF_AREA;
EXPORT_SYMBOL(DBF_AREA); /* ok: symbol/exported-twice */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports dbfa_area");
