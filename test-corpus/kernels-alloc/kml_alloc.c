// SPDX-License-Identifier: GPL-2.0
/*
 * vmalloc(), kmemdup() and strscpy() vanish from 6.12's exports (they are macros over
 * vmalloc_noprof() and friends there) yet build on both: names are resolved through each
 * kernel's own header index, not by comparing two Module.symvers.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/string.h>

static void *kml_area;
static void *kml_copy;
static char kml_name[16];

static int __init kml_alloc_init(void)
{
	kml_area = vmalloc(4096); /* ok: symbol/unresolved, symbol/wrong-argument-count */
	if (!kml_area)
		return -ENOMEM;
	kml_copy = kmemdup(kml_area, 64, GFP_KERNEL); /* ok: symbol/unresolved, symbol/wrong-argument-count */
	strscpy(kml_name, "alloc", sizeof(kml_name)); /* ok: symbol/unresolved, symbol/wrong-argument-count */
	return 0;
}

static void __exit kml_alloc_exit(void)
{
	kfree(kml_copy);
	vfree(kml_area);
}

module_init(kml_alloc_init);
module_exit(kml_alloc_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("allocates on both kernels");
