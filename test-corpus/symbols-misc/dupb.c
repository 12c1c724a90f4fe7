// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

int dup_shared(void)
{
	return 2;
}
EXPORT_SYMBOL(dup_shared); /* expect: symbol/exported-twice@1 */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("second exporter of the same name");
