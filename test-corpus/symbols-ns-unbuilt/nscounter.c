// SPDX-License-Identifier: GPL-2.0
/* A counter driver: built against a kernel without CONFIG_COUNTER, its symbols are undefined. */
#include <linux/module.h>
#include <linux/counter.h>

static struct counter_device *nsc_counter;

static int __init nsc_init(void)
{
	nsc_counter = counter_alloc(0); /* expect: symbol/unresolved@16 */
	if (!nsc_counter)
		return -ENOMEM;
	return counter_add(nsc_counter); /* expect: symbol/unresolved@9 */
}
module_init(nsc_init);

static void __exit nsc_exit(void)
{
}
module_exit(nsc_exit);

MODULE_IMPORT_NS(COUNTER); /* ok: symbol/namespace-import-unused */
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("uses a namespace this configuration does not export");
