// SPDX-License-Identifier: GPL-2.0
/* core.c — built with the directory's ccflags-y, not with legacy.o's own flags */
#include <linux/module.h>
#include <linux/slab.h>
#include "flagcfg.h"
#include "flagmod.h"

static void *ring;

static int __init flagmod_init(void)
{
#ifdef CORPUS_HAVE_RING
	ring = kcalloc(CORPUS_RING_SLOTS, sizeof(long), GFP_KERNEL);
	if (!ring)
		return -ENOMEM;
	pr_info("%s: %d slots\n", CORPUS_RING_NAME, CORPUS_RING_SLOTS);
#else
	corpus_without_ring(); /* ok: symbol/unresolved */
#endif
#ifdef CORPUS_DROPPED
	corpus_dropped_flag(); /* ok: symbol/unresolved */
#endif
#ifdef CORPUS_LEGACY_LEVEL
	corpus_legacy_in_core(); /* ok: symbol/unresolved */
#endif
	flagmod_legacy();
	return 0;
}

static void __exit flagmod_exit(void)
{
	kfree(ring);
}

module_init(flagmod_init);
module_exit(flagmod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("compile flags from the Makefile decide the code");
