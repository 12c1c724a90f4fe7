// SPDX-License-Identifier: GPL-2.0
/* mydrv.c — the module of issue 8's acceptance scenario, packaged with DKMS */
#include <linux/module.h>
#include <linux/init.h>

static int irq_num = 7;
module_param(irq_num, int, 0444);
MODULE_PARM_DESC(irq_num, "IRQ line of the device");

static bool verbose;
module_param(verbose, bool, 0444);
MODULE_PARM_DESC(verbose, "Log every interrupt");

static int __init mydrv_init(void)
{
	pr_info("mydrv: irq %d%s\n", irq_num, verbose ? " (verbose)" : "");
	return 0;
}

static void __exit mydrv_exit(void)
{
}

module_init(mydrv_init);
module_exit(mydrv_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Acceptance driver for deployment checks");
MODULE_VERSION("1.1"); /* ok: license/unknown */
