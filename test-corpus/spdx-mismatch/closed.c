// SPDX-License-Identifier: GPL-2.0-only /* expect: license/spdx-mismatch@4 */
#include <linux/module.h>
#include <linux/init.h>

MODULE_LICENSE("Proprietary"); /* ok: license/unknown */
MODULE_DESCRIPTION("GPL-only file in a module declared proprietary");

static int __init closed_init(void)
{
	return 0;
}
module_init(closed_init);

static void __exit closed_exit(void)
{
}
module_exit(closed_exit);
