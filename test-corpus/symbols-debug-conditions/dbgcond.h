/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DBGCOND_H
#define DBGCOND_H
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/hashtable.h>
#include <net/devlink.h>

struct dbgcond_item {
	struct hlist_node node;
	u32 key;
};

struct dbgcond {
	struct devlink *devlink;
	struct dbgcond_item __rcu *current_item;
};

/* called only in debug-only conditions: never compiled in */
static inline bool dbgcond_is_locked(struct dbgcond *d)
{
	return devl_lock_is_held(d->devlink); /* ok: symbol/unresolved */
}
#endif
