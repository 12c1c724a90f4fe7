// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/init.h>

static int plain_init(void) /* expect: init/missing-annotation@12 */
{
	return 0;
}
module_init(plain_init); /* ok: init/wrong-annotation */

static void plain_exit(void) /* expect: init/missing-annotation@13 */
{
}
module_exit(plain_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("entry points without __init/__exit");
