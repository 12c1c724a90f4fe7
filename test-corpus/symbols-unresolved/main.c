// SPDX-License-Identifier: GPL-2.0
/* main.c — calls a function of a module that is not part of this scan */
#include <linux/module.h>
#include <linux/kallsyms.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include "util.h"

extern int mylib_add(int a, int b); /* expect: symbol/extern-in-c@12 */

/*
 * the module's own prototype of a static inline of <linux/timekeeping.h> (compat code does
 * this): it declares the header's function again, with its internal linkage, so the module
 * links against what the inline calls, not against a symbol of this name
 */
ktime_t ktime_get_real(void);

/* a kernel macro defines it: not unresolved, although only util.h declares it */
DEFINE_MUTEX(consumer_lock);

static int __init consumer_init(void)
{
	void *p = kzalloc(16, GFP_KERNEL); /* ok: symbol/unresolved */

	kfree(p);
	pr_info("now %lld\n", ktime_to_ns(ktime_get_real())); /* ok: symbol/unresolved */
	mutex_lock(&consumer_lock); /* ok: symbol/unresolved */
	mutex_unlock(&consumer_lock);
	pr_info("add(3,4) = %d\n", mylib_add(3, 4)); /* expect: symbol/unresolved@29 */
	/* declared by <linux/kallsyms.h>, but no longer exported to modules since 5.7 */
	pr_info("%lx\n", kallsyms_lookup_name("jiffies")); /* expect: symbol/unresolved@19 */
	return consumer_util(1); /* ok: symbol/unresolved */
}

static void __exit consumer_exit(void)
{
	consumer_never_defined(2); /* expect: symbol/unresolved@2 */
}

module_init(consumer_init);
module_exit(consumer_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("consumer without its exporter");
