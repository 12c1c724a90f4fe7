// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/init.h>
#include "mydrv.h"

MODULE_LICENSE("Dual BSD/GPL"); /* ok: license/unknown */
MODULE_AUTHOR("Dev <dev@example.com>");
MODULE_DESCRIPTION("three objects, one module");
MODULE_VERSION("1.0");

static int __init mydrv_init(void)
{
	return mydrv_helper() + mydrv_irq_setup();
}
module_init(mydrv_init);

static void __exit mydrv_exit(void)
{
}
module_exit(mydrv_exit);
