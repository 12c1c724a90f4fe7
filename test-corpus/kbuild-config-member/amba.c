// SPDX-License-Identifier: GPL-2.0
/* Built only where CONFIG_ARM_AMBA is set: neither a part of cfgdemo here nor a module of its own. */
#include <linux/module.h>

MODULE_LICENSE("GPL");
