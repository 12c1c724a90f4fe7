// SPDX-License-Identifier: GPL-2.0
/* Gated by a symbol no Kconfig in the scan defines: analyzed as a possible module. */
#include <linux/module.h>

static int __init foo_extra_init(void)
{
	return 0;
}
module_init(foo_extra_init); /* expect: license/missing@1, metadata/description-missing@1, init/no-exit@1 */
