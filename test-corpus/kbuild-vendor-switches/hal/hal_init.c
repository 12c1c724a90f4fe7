// SPDX-License-Identifier: GPL-2.0
#include "acme.h"

int acme_hal_init(void)
{
	return 0;
}
