/* expect: license/spdx-missing@1 */
/* A file with no SPDX tag at all. */
#include <linux/module.h>
#include <linux/init.h>
#include "good.h"
#include "bad.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("SPDX tag placement and style");

static int __init spdxmod_init(void)
{
	return 0;
}
module_init(spdxmod_init);

static void __exit spdxmod_exit(void)
{
}
module_exit(spdxmod_exit);
