// SPDX-License-Identifier: GPL-2.0
/* genver: the numbers come from a header the build generates, not in the tree */
#include <linux/module.h>
#include <linux/stringify.h>
#include "genver_generated.h"

static int __init genver_init(void)
{
	return 0;
}
module_init(genver_init);

static void __exit genver_exit(void)
{
}
module_exit(genver_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a version from a generated header");
MODULE_VERSION(__stringify(GENVER_MAJOR) ".0"); /* expect-notification: rule-skipped */
