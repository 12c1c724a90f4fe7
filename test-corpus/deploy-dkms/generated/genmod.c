// SPDX-License-Identifier: GPL-2.0
/* genmod: a module packaged with DKMS */
#include <linux/module.h>
#include <linux/init.h>

static int __init genmod_init(void)
{
	pr_info("genmod: loaded\n");
	return 0;
}

static void __exit genmod_exit(void)
{
}

module_init(genmod_init);
module_exit(genmod_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("genmod for the DKMS checks");
MODULE_VERSION("3.0");
