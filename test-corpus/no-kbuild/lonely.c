// SPDX-License-Identifier: GPL-2.0
/* No Makefile here: a C file with module_init is taken as a module of its own. */
#include <linux/module.h>

static int __init lonely_init(void)
{
	return 0;
}
module_init(lonely_init); /* expect: license/missing@1, metadata/description-missing@1, init/no-exit@1 */ /* expect-notification: module-without-kbuild */
