// SPDX-License-Identifier: GPL-2.0
#include "foo.h"

int foo_i2c_register(void)
{
	return 0;
}
