// SPDX-License-Identifier: GPL-2.0
/* rightname: a module packaged with DKMS */
#include <linux/module.h>
#include <linux/init.h>

static int __init rightname_init(void)
{
	pr_info("rightname: loaded\n");
	return 0;
}

static void __exit rightname_exit(void)
{
}

module_init(rightname_init);
module_exit(rightname_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rightname for the DKMS checks");
