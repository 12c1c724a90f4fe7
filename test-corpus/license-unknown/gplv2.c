// SPDX-License-Identifier: GPL-2.0 /* expect: license/spdx-mismatch@4 */
#include <linux/module.h>
#include <linux/init.h>

/* "GPLv2" builds, but the kernel takes it as proprietary */
MODULE_LICENSE("GPLv2"); /* expect: license/unknown@1 */
MODULE_DESCRIPTION("unknown license ident");

static int __init gplv2_init(void)
{
	return 0;
}
module_init(gplv2_init);

static void __exit gplv2_exit(void)
{
}
module_exit(gplv2_exit);
