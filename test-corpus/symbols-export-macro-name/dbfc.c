// SPDX-License-Identifier: GPL-2.0
/* dbfc.c — its macro gives the name dbfa.c exports already */
#include <linux/module.h>

#define DBF_AREA dbfa_area

int *DBF_AREA;
EXPORT_SYMBOL(DBF_AREA); /* expect: symbol/exported-twice@1 "exports dbfa_area" */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports dbfa_area as well");
