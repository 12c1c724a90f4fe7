// SPDX-License-Identifier: GPL-2.0
/*
 * The license comes from a header above the module directory. Scanned alone (as a
 * pre-commit hook or `kmodlint check driver/` does), the header is still read, within the
 * repository, so the license is known.
 */
#include <linux/module.h>
#include "../include/mydrv_meta.h"

static int __init mydrv_init(void)
{
	return 0;
}

static void __exit mydrv_exit(void)
{
}

module_init(mydrv_init); /* ok: license/missing */
module_exit(mydrv_exit);
MODULE_LICENSE(MYDRV_LICENSE); /* ok: license/unknown */
MODULE_DESCRIPTION(MYDRV_DESCRIPTION);
