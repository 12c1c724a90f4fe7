// SPDX-License-Identifier: GPL-2.0
/* twother.c — built with twpci */
#include <linux/module.h>

int tw_probe(void)
{
	return 2;
}
EXPORT_SYMBOL(tw_probe); /* ok: symbol/exported-twice */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports tw_probe as well");
