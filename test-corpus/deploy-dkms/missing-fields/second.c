// SPDX-License-Identifier: GPL-2.0
/* second: a module packaged with DKMS */
#include <linux/module.h>
#include <linux/init.h>

static int __init second_init(void)
{
	pr_info("second: loaded\n");
	return 0;
}

static void __exit second_exit(void)
{
}

module_init(second_init);
module_exit(second_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("second for the DKMS checks");
