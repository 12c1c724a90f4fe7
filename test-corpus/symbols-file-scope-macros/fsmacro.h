/* SPDX-License-Identifier: GPL-2.0 */
#ifndef FSMACRO_H
#define FSMACRO_H
#include <linux/ethtool.h>
#include <linux/linkmode.h>
#include <linux/interval_tree_generic.h>

struct fsmacro_node {
	struct rb_node rb;
	unsigned long start, last, subtree_last;
};

/* defined by no module and exported by no kernel */
struct fsmacro_node *fsmacro_lookup(unsigned long at);

extern __ETHTOOL_DECLARE_LINK_MODE_MASK(fsmacro_features);
void fsmacro_trace_addr(const u8 *addr);
int fsmacro_setup(void);
#endif
