// SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause
#include <linux/module.h>

int twolic_extra(void)
{
	return 1;
}

MODULE_LICENSE("Dual BSD/GPL"); /* expect: license/conflicting@1 */
