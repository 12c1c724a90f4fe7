// SPDX-License-Identifier: GPL-2.0
/* Neither module_init nor MODULE_LICENSE: not a module by itself. */
int util_add(int a, int b)
{
	return a + b; /* ok: license/missing */
}

#ifdef CONFIG_UTIL_KUNIT_TEST /* expect: kconfig/undefined-symbol-in-source@8 */
#include "util_test.c"
#endif
