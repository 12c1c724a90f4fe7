// SPDX-License-Identifier: GPL-2.0
/* acme_core: a module packaged with DKMS */
#include <linux/module.h>
#include <linux/init.h>
#include "core.h"

static int __init acme_core_init(void)
{
	pr_info("acme_core: loaded\n");
	return 0;
}

static void __exit acme_core_exit(void)
{
}

module_init(acme_core_init);
module_exit(acme_core_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("acme_core for the DKMS checks");
MODULE_VERSION("5.1.0");
