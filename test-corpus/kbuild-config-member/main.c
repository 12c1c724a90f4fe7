// SPDX-License-Identifier: GPL-2.0
/*
 * The license is in amba.c, which this configuration does not build: modpost stops with
 * "missing MODULE_LICENSE() in cfgdemo.o".
 */
#include <linux/module.h>
#include <linux/init.h>

int cfgdemo_pci(void);

static int __init cfgdemo_init(void)
{
	return cfgdemo_pci();
}

static void __exit cfgdemo_exit(void)
{
}

module_init(cfgdemo_init); /* expect: license/missing@1 */
module_exit(cfgdemo_exit);
MODULE_DESCRIPTION("Example module whose parts depend on the kernel configuration");
