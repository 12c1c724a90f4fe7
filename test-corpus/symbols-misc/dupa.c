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

/*
 * A module of the kernel (drivers/net/mii) exports this name: modpost accepts it for an
 * external module, and the loader refuses whichever of the two loads second (a warning).
 */
int mii_link_ok(void *mii)
{
	return 0;
}
EXPORT_SYMBOL(mii_link_ok); /* expect: symbol/exported-twice@1 "kernel module mii" */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("first exporter");
