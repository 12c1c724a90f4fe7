// SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR BSD-2-Clause /* ok: license/spdx-mismatch */
#include <linux/module.h>
#include <linux/init.h>

MODULE_LICENSE("Dual BSD/GPL");
MODULE_DESCRIPTION("an expression with WITH and parentheses");

static int __init withexc_init(void)
{
	return 0;
}
module_init(withexc_init);

static void __exit withexc_exit(void)
{
}
module_exit(withexc_exit);
