// SPDX-License-Identifier: GPL-2.0
/* synmod: a module packaged with DKMS */
#include <linux/module.h>
#include <linux/init.h>

static int __init synmod_init(void)
{
	pr_info("synmod: loaded\n");
	return 0;
}

static void __exit synmod_exit(void)
{
}

module_init(synmod_init);
module_exit(synmod_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("synmod for the DKMS checks");
