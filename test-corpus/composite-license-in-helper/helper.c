// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include "mydrv.h"

int mydrv_helper(void)
{
	return 0;
}

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("composite module whose license is in its second object");
