// SPDX-License-Identifier: GPL-2.0
/*
 * Calls into every object of the module: an object kmodlint failed to compose would leave
 * its function unresolved here.
 */
#include <linux/module.h>
#include <linux/init.h>
#include "acme.h"

static int __init acme_init(void)
{
	return acme_cfg_init() + acme_hal_init() + acme_bus_ops() + acme_os_init() + acme_os_ioctl()
		+ acme_sec_aes() + acme_sec_tkip() + acme_phy() + acme_rf() + acme_platform();
}

static void __exit acme_exit(void)
{
}

module_init(acme_init);
module_exit(acme_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Example vendor-style driver built from many directories");
