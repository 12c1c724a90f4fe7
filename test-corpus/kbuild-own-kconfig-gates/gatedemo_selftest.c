// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

static int __init gatedemo_selftest_init(void)
{
	return 0;
}
module_init(gatedemo_selftest_init); /* ok: license/missing */

static void __exit gatedemo_selftest_exit(void)
{
}
module_exit(gatedemo_selftest_exit);

MODULE_DESCRIPTION("tests only a kernel with KUnit builds");
