// SPDX-License-Identifier: GPL-2.0
/* twusb.c — built where USB_STORAGE is */
#include <linux/module.h>

int tw_reset(void)
{
	return 0;
}
EXPORT_SYMBOL(tw_reset); /* expect: symbol/exported-twice@1 "does not build twalpha (CONFIG_MTD_TSUNAMI)" */

int tw_probe(void)
{
	return 0;
}
EXPORT_SYMBOL(tw_probe); /* expect: symbol/exported-twice@1 "refuses the second" */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports tw_reset and tw_probe");
