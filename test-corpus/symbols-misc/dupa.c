// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

int dup_shared(void)
{
	return 1;
}
EXPORT_SYMBOL(dup_shared); /* ok: symbol/exported-twice */

/* vmlinux exports this name already: the build stops ('exported twice') */
void usleep_range_state(unsigned long min, unsigned long max, unsigned int state)
{
}
EXPORT_SYMBOL(usleep_range_state); /* expect: symbol/exported-twice@1 */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("first exporter");
