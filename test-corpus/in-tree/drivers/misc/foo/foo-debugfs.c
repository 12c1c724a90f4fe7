// SPDX-License-Identifier: GPL-2.0
#include "foo.h"

int foo_debugfs_init(void)
{
	return 0;
}
