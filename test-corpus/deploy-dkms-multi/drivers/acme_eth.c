// SPDX-License-Identifier: GPL-2.0
/* acme_eth: a module packaged with DKMS */
#include <linux/module.h>
#include <linux/init.h>

static int __init acme_eth_init(void)
{
	pr_info("acme_eth: loaded\n");
	return 0;
}

static void __exit acme_eth_exit(void)
{
}

module_init(acme_eth_init);
module_exit(acme_eth_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("acme_eth for the DKMS checks");
MODULE_VERSION("5.1.0");
