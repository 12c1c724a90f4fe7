/* propdrv.c — a proprietary platform driver that reaches GPL-only symbols */ /* expect: license/spdx-missing@1 */
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/debugfs.h>
#include <linux/slab.h>
#include "gplhelper.h"

static struct dentry *dir;

static int propdrv_probe(struct platform_device *pdev)
{
	void *buf = kzalloc(64, GFP_KERNEL); /* ok: symbol/gpl-only */

	dir = debugfs_create_dir("propdrv", NULL); /* expect: symbol/gpl-only@8 */
	kfree(buf);
	return helper_gpl_fn(1) + helper_fn(2); /* expect: symbol/gpl-only@9 */
}

static int propdrv_remove(struct platform_device *pdev)
{
	debugfs_remove(dir); /* expect: symbol/gpl-only@2 */
	return 0;
}

static struct platform_driver propdrv_driver = {
	.probe = propdrv_probe,
	.remove = propdrv_remove,
	.driver = { .name = "propdrv" },
};
/* __platform_driver_register and platform_driver_unregister, both GPL-only, through the macro */
module_platform_driver(propdrv_driver); /* expect: symbol/gpl-only@1 "__platform_driver_register", symbol/gpl-only@1 "platform_driver_unregister" */

MODULE_LICENSE("Proprietary");
MODULE_DESCRIPTION("proprietary driver");
