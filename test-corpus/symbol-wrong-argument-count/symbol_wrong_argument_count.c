// SPDX-License-Identifier: GPL-2.0
/*
 * symbol_wrong_argument_count.c — calls whose argument counts one kernel takes and the other
 * does not (checked against 6.1 and 6.12, see Kbuild): class_create() lost its owner in 6.4 (a
 * macro of two parameters in 6.1, a function of one in 6.12), eventfd_signal() its count in 6.8.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/device/class.h>
#include <linux/eventfd.h>
#include <linux/slab.h>
#include <linux/version.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("corpus cases of symbol/wrong-argument-count");

static struct class *old_class;
static struct class *new_class;
static struct eventfd_ctx *ctx;

static int __init symbol_wrong_argument_count_init(void)
{
	void *p = kmalloc(16, GFP_KERNEL); /* ok: symbol/wrong-argument-count */

	old_class = class_create(THIS_MODULE, "kml_old"); /* expect: symbol/wrong-argument-count@14 "on 6.12 only" */
	new_class = class_create("kml_new"); /* expect: symbol/wrong-argument-count@14 "on 6.1 only" */
	eventfd_signal(ctx, 1); /* expect: symbol/wrong-argument-count@2 "on 6.12 only" */
	eventfd_signal(ctx); /* expect: symbol/wrong-argument-count@2 "on 6.1 only" */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
	eventfd_signal(ctx); /* ok: symbol/wrong-argument-count */
#else
	eventfd_signal(ctx, 2); /* ok: symbol/wrong-argument-count */
#endif
	kfree(p);
	return 0;
}

static void __exit symbol_wrong_argument_count_exit(void)
{
	class_destroy(old_class); /* ok: symbol/wrong-argument-count */
	class_destroy(new_class);
}

module_init(symbol_wrong_argument_count_init);
module_exit(symbol_wrong_argument_count_exit);
