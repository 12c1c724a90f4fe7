// SPDX-License-Identifier: GPL-2.0
/* placemod: a module packaged with DKMS */
#include <linux/module.h>
#include <linux/init.h>

static int __init placemod_init(void)
{
	pr_info("placemod: loaded\n");
	return 0;
}

static void __exit placemod_exit(void)
{
}

module_init(placemod_init);
module_exit(placemod_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("placemod for the DKMS checks");
MODULE_VERSION("4.2");
