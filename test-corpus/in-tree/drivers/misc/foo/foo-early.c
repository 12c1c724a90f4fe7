// SPDX-License-Identifier: GPL-2.0
/* Gated by a bool symbol: always built in, so no MODULE_LICENSE is needed. */
#include <linux/init.h>

static int __init foo_early_setup(void)
{
	return 0;
}
early_initcall(foo_early_setup); /* ok: license/missing */
