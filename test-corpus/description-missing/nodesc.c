// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/init.h>

MODULE_LICENSE("GPL"); /* expect: metadata/description-missing@1 */
MODULE_AUTHOR("Someone <someone@example.com>");

static int __init nodesc_init(void)
{
	return 0;
}
module_init(nodesc_init);

static void __exit nodesc_exit(void)
{
}
module_exit(nodesc_exit);
