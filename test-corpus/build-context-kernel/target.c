// SPDX-License-Identifier: GPL-2.0
/* target.c — what the target kernel's build compiles, and only that */
#include <linux/module.h>
#include <linux/version.h>
#include <linux/timer.h>
#include <linux/average.h>
#include <linux/workqueue.h>
#include "target.h"

#ifndef timer_setup
/* a fallback for kernels before 4.15: every kernel since defines timer_setup */
#define timer_setup(t, fn, fl) corpus_old_setup_timer(t, fn, fl)
#endif

DECLARE_EWMA(corpus_rssi, 10, 8)

static struct ewma_corpus_rssi rssi;
static struct work_struct corpus_work;
static struct timer_list corpus_timer;

static void corpus_work_fn(struct work_struct *w)
{
}

static void corpus_timer_fn(struct timer_list *t)
{
}

static int __init target_init(void)
{
	ewma_corpus_rssi_init(&rssi); /* ok: symbol/unresolved */
	ewma_corpus_rssi_add(&rssi, 3); /* ok: symbol/unresolved */
	INIT_WORK(&corpus_work, corpus_work_fn);
	timer_setup(&corpus_timer, corpus_timer_fn, 0); /* ok: symbol/unresolved */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
	disable_work_sync(&corpus_work); /* ok: symbol/unresolved */
#elif LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
	corpus_before_6_1(); /* ok: symbol/unresolved */
#else
	cancel_work_sync(&corpus_work);
#endif
#if IS_ENABLED(CONFIG_KASAN)
	corpus_never_built(); /* ok: symbol/unresolved */
#endif
#ifdef CONFIG_PRINTK
	corpus_only_with_printk(); /* expect: symbol/unresolved@2 */
#endif
	return 0;
}

static void __exit target_exit(void)
{
	del_timer_sync(&corpus_timer);
}

module_init(target_init);
module_exit(target_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("code for other kernels than the target");
