// SPDX-License-Identifier: GPL-2.0
#include "util.h"

int consumer_util(int x)
{
	return x - 1;
}
