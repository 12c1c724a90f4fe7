// SPDX-License-Identifier: GPL-2.0
#include <linux/init.h>

static int __init frob_early_setup(void)
{
	return 0;
}
early_initcall(frob_early_setup);
