// SPDX-License-Identifier: GPL-2.0
/* first: a module packaged with DKMS */
#include <linux/module.h>
#include <linux/init.h>

static int __init first_init(void)
{
	pr_info("first: loaded\n");
	return 0;
}

static void __exit first_exit(void)
{
}

module_init(first_init);
module_exit(first_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("first for the DKMS checks");
