// SPDX-License-Identifier: MIT /* expect: license/spdx-mismatch@4 */
/* MIT-only file in a module that says "GPL": it should say "Dual MIT/GPL". */
#include <linux/module.h>
#include <linux/init.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("SPDX says MIT, module says GPL");

static int __init mitonly_init(void)
{
	return 0;
}
module_init(mitonly_init);

static void __exit mitonly_exit(void)
{
}
module_exit(mitonly_exit);
