// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

static int __init odd_init(void)
{
	return 0;
}
module_init(odd_init); /* ok: license/missing, kbuild/unbuilt-source */

static void __exit odd_exit(void)
{
}
module_exit(odd_exit);
