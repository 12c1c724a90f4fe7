// SPDX-License-Identifier: GPL-2.0
/* twalpha.c — built only where MTD_TSUNAMI is */
#include <linux/module.h>

int tw_reset(void)
{
	return 1;
}
EXPORT_SYMBOL(tw_reset); /* ok: symbol/exported-twice */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports tw_reset as well");
