// SPDX-License-Identifier: GPL-2.0
/* acme_wifi: a module packaged with DKMS */
#include <linux/module.h>
#include <linux/init.h>

static int __init acme_wifi_init(void)
{
	pr_info("acme_wifi: loaded\n");
	return 0;
}

static void __exit acme_wifi_exit(void)
{
}

module_init(acme_wifi_init);
module_exit(acme_wifi_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("acme_wifi for the DKMS checks");
MODULE_VERSION("5.0.9");
