// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include "cyc.h"

int cyca_fn(void)
{
	return cycb_fn() + 1;
}
EXPORT_SYMBOL_GPL(cyca_fn);

static int __init cyca_init(void)
{
	return 0;
}
static void __exit cyca_exit(void)
{
}
module_init(cyca_init); /* expect: symbol/dependency-cycle@1 */
module_exit(cyca_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("needs cycb");
