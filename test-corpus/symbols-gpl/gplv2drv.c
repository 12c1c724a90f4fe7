// SPDX-License-Identifier: GPL-2.0 /* expect: license/spdx-mismatch@4 */
/* gplv2drv.c — "GPLv2" is no ident the kernel knows: it counts as proprietary */
#include <linux/module.h>
#include <linux/debugfs.h>
#include "gplhelper.h"

static struct dentry *d;

static int __init gplv2drv_init(void)
{
	d = debugfs_create_dir("gplv2drv", NULL); /* expect: symbol/gpl-only@6 */
	return helper_fn(0);
}

static void __exit gplv2drv_exit(void)
{
	debugfs_remove(d); /* expect: symbol/gpl-only@2 */
}

module_init(gplv2drv_init);
module_exit(gplv2drv_exit);
MODULE_LICENSE("GPLv2"); /* expect: license/unknown@1 */
MODULE_DESCRIPTION("driver with a misspelt license");
