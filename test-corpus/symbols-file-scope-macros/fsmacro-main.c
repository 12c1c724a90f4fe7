// SPDX-License-Identifier: GPL-2.0
/* fsmacro-main.c — file-scope macro calls that define, and those that do not */
#include <linux/module.h>
#include "fsmacro.h"
#include "fsmacro_trace.h"

#define FSMACRO_START(n) ((n)->start)
#define FSMACRO_LAST(n) ((n)->last)

INTERVAL_TREE_DEFINE(struct fsmacro_node, rb, unsigned long, subtree_last,
		     FSMACRO_START, FSMACRO_LAST, static, fsmacro_it)

static_assert(IS_ALIGNED(sizeof(struct fsmacro_node), sizeof(long))); /* ok: symbol/unresolved */

__ETHTOOL_DECLARE_LINK_MODE_MASK(fsmacro_features) __ro_after_init;

static struct rb_root_cached fsmacro_root = RB_ROOT_CACHED;
static struct fsmacro_node fsmacro_one = { .start = 1, .last = 2 };

/* an attribute macro of the headers at the end of its line, the type on the next */
__init __no_kcsan /* ok: init/section-conflict, init/misplaced-attribute */
int fsmacro_setup(void)
{
	return 0;
}

static int __init fsmacro_init(void)
{
	static const u8 addr[ETH_ALEN] = { 2 };
	u8 copy[ETH_ALEN];
	__ETHTOOL_DECLARE_LINK_MODE_MASK(mask); /* ok: symbol/unresolved */

	static_assert(ETH_ALEN == 6); /* ok: symbol/unresolved */
	fsmacro_it_insert(&fsmacro_one, &fsmacro_root); /* ok: symbol/unresolved */
	if (!fsmacro_it_iter_first(&fsmacro_root, 0, 3)) /* ok: symbol/unresolved */
		return -EINVAL;
	linkmode_set_bit(ETHTOOL_LINK_MODE_10baseT_Half_BIT, fsmacro_features); /* ok: symbol/unresolved */
	linkmode_copy(mask, fsmacro_features);
	if (linkmode_empty(mask))
		return -EINVAL;
	ether_addr_copy(copy, addr); /* ok: symbol/unresolved */
	fsmacro_trace_addr(copy);
	if (!fsmacro_lookup(1)) /* expect: symbol/unresolved@7 */
		return -ENOENT;
	return fsmacro_setup();
}

static void __exit fsmacro_exit(void)
{
	if (!fsmacro_it_iter_next(&fsmacro_one, 0, 3)) /* ok: symbol/unresolved */
		fsmacro_it_remove(&fsmacro_one, &fsmacro_root); /* ok: symbol/unresolved */
}

module_init(fsmacro_init);
module_exit(fsmacro_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("file-scope macro calls");
