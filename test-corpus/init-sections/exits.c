// SPDX-License-Identifier: GPL-2.0
/* init <-> exit and .text -> .exit.text */
#include <linux/module.h>
#include <linux/init.h>

void __exit ex_teardown(void)
{
	pr_info("ex: teardown\n");
}

int __init ex_setup(void)
{
	pr_info("ex: setup\n");
	return 0;
}

static int __init ex_init(void)
{
	ex_teardown(); /* expect: init/section-mismatch@2 */
	return ex_setup(); /* ok: init/section-mismatch */
}
module_init(ex_init);

noinline void ex_reset(void)
{
	ex_teardown(); /* expect: init/section-mismatch@2 */
}

static void __exit ex_exit(void)
{
	ex_reset();
	ex_setup(); /* expect: init/section-mismatch@2 */
}
module_exit(ex_exit);

EXPORT_SYMBOL(ex_setup); /* expect: init/export-of-init@1, symbol/export-placement@1 */
EXPORT_SYMBOL_GPL(ex_reset); /* ok: init/export-of-init */ /* expect: symbol/export-placement@1 */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("init and exit referencing each other");
