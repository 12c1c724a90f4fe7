// SPDX-License-Identifier: GPL-2.0
/* goodmod: a module packaged with DKMS */
#include <linux/module.h>
#include <linux/init.h>

static int __init goodmod_init(void)
{
	pr_info("goodmod: loaded\n");
	return 0;
}

static void __exit goodmod_exit(void)
{
}

module_init(goodmod_init);
module_exit(goodmod_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("goodmod for the DKMS checks");
MODULE_VERSION("2.3");
