/* SPDX-License-Identifier: GPL-2.0 */
#ifndef UPDEFS_H
#define UPDEFS_H
#include <linux/pm.h>

extern const struct dev_pm_ops updefs_pm;
extern const int updefs_table[4];
extern const char *const updefs_names[];
/* defined by no module and exported by no kernel */
void updefs_idle_only(void);
#endif
