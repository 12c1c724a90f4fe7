// SPDX-License-Identifier: GPL-2.0
/* An import left over: the module uses nothing of COUNTER, built or not. */
#include <linux/module.h>

static int __init nss_init(void)
{
	pr_info("nsstale: loaded\n");
	return 0;
}
module_init(nss_init);

static void __exit nss_exit(void)
{
}
module_exit(nss_exit);

MODULE_IMPORT_NS(COUNTER); /* expect: symbol/namespace-import-unused@1 */
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("imports a namespace it does not use");
