// SPDX-License-Identifier: GPL-2.0
/* deadbr.c — calls behind conditions this configuration makes constant */
#include <linux/module.h>
#include "deadbr.h"

static int mode;
module_param(mode, int, 0444);
MODULE_PARM_DESC(mode, "a value only known at run time");

static struct deadbr_info info;
void deadbr_after_return(void);

static int deadbr_sign(void)
{
	if (!deadbr_authenticated(&info))
		return 0;
	deadbr_after_return(); /* ok: symbol/unresolved */
	return 1;
}

static int __init deadbr_init(void)
{
	if (IS_ENABLED(CONFIG_KASAN))
		deadbr_kasan_only(); /* ok: symbol/unresolved */
	deadbr_hash(&info, &mode);
	mode += deadbr_sign();
	if (IS_ENABLED(CONFIG_PRINTK))
		pr_info("deadbr: %d\n", mode);
	else
		deadbr_else_of_true(); /* ok: symbol/unresolved */
	mode = IS_ENABLED(CONFIG_KASAN) ? (deadbr_not_taken(), 1) : 0; /* ok: symbol/unresolved */
	if (0 && mode)
		deadbr_right_of_and(); /* ok: symbol/unresolved */
	if (IS_ENABLED(CONFIG_PRINTK))
		deadbr_printk(); /* expect: symbol/unresolved@3 */
	if (mode)
		deadbr_runtime(); /* expect: symbol/unresolved@3 */
	return 0;
}

static void __exit deadbr_exit(void)
{
}

module_init(deadbr_init);
module_exit(deadbr_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("calls the configuration drops");
