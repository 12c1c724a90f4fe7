// SPDX-License-Identifier: GPL-2.0 OR MIT /* ok: license/spdx-mismatch */
#include <linux/module.h>
#include <linux/init.h>

MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("SPDX and MODULE_LICENSE agree");

static int __init dual_init(void)
{
	return 0;
}
module_init(dual_init);

static void __exit dual_exit(void)
{
}
module_exit(dual_exit);
