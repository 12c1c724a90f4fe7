// SPDX-License-Identifier: GPL-2.0
/* Included by util.c under a CONFIG that is off: part of util.c, not a module of its own. */
#include <kunit/test.h>

static int __init util_test_init(void)
{
	return 0;
}
module_init(util_test_init); /* ok: license/missing */
