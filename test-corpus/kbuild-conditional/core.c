// SPDX-License-Identifier: GPL-2.0
/* condmod: the part every configuration builds */
#include <linux/module.h>

int condmod_core_setup(void)
{
	return 0;
}

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("objects under conditionals");
