// SPDX-License-Identifier: GPL-2.0
#include "mydrv.h"

int mydrv_helper(void)
{
	return 0;
}
