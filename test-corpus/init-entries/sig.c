// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/init.h>

static void __init sig_init(void)
{
}
module_init(sig_init); /* expect: init/bad-signature@1 */

static int __exit sig_exit(int how)
{
	return how;
}
module_exit(sig_exit); /* expect: init/bad-signature@1 */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("entry points with the wrong signature");
