// SPDX-License-Identifier: GPL-2.0
#include <linux/init.h>
#include "comp.h"

int __init comp_hw_setup(void)
{
	return 0;
}
