// SPDX-License-Identifier: GPL-2.0
/* dbgdirect.c — lockdep_is_held() outside a debug-only check */
#include <linux/module.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(dbgdirect_lock);

static int __init dbgdirect_init(void)
{
	mutex_lock(&dbgdirect_lock);
	if (!lockdep_is_held(&dbgdirect_lock)) /* expect: symbol/unresolved@7 */
		pr_info("dbgdirect: not held\n");
	mutex_unlock(&dbgdirect_lock);
	return 0;
}

static void __exit dbgdirect_exit(void)
{
}

module_init(dbgdirect_init);
module_exit(dbgdirect_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lockdep_is_held() called for real");
