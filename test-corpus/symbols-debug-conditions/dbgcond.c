// SPDX-License-Identifier: GPL-2.0
/* dbgcond.c — names used only in the conditions of debug-only checks */
#include <linux/module.h>
#include "dbgcond.h"

static DEFINE_MUTEX(dbgcond_lock);
static DEFINE_HASHTABLE(dbgcond_table, 4);
static struct dbgcond dbgcond_state;

static struct dbgcond_item *dbgcond_find(u32 key)
{
	struct dbgcond_item *item;

	hash_for_each_possible_rcu(dbgcond_table, item, node, key,
				   lockdep_is_held(&dbgcond_lock)) { /* ok: symbol/unresolved */
		if (item->key == key)
			return item;
	}
	return rcu_dereference_protected(dbgcond_state.current_item,
					 dbgcond_is_locked(&dbgcond_state));
}

static int __init dbgcond_init(void)
{
	mutex_lock(&dbgcond_lock);
	pr_info("dbgcond: %p\n", dbgcond_find(1));
	mutex_unlock(&dbgcond_lock);
	return 0;
}

static void __exit dbgcond_exit(void)
{
}

module_init(dbgcond_init);
module_exit(dbgcond_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("names in debug-only conditions");
