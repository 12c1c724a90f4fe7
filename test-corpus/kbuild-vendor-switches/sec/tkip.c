// SPDX-License-Identifier: GPL-2.0
#include "acme.h"

int acme_sec_tkip(void)
{
	return 0;
}
