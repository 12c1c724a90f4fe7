// SPDX-License-Identifier: GPL-2.0
/* helper: a module packaged with DKMS */
#include <linux/module.h>
#include <linux/init.h>

static int __init helper_init(void)
{
	pr_info("helper: loaded\n");
	return 0;
}

static void __exit helper_exit(void)
{
}

module_init(helper_init);
module_exit(helper_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("helper for the DKMS checks");
