// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/init.h>
#include <vendor/license.h>

/* VENDOR_LICENSE comes from a header kmodlint does not read: it says so, it does not guess. */
MODULE_LICENSE(VENDOR_LICENSE); /* ok: license/unknown */ /* expect-notification: rule-skipped */
MODULE_DESCRIPTION("license given by a macro from an unread header");

static int __init vendor_init(void)
{
	return 0;
}
module_init(vendor_init); /* ok: license/missing */

static void __exit vendor_exit(void)
{
}
module_exit(vendor_exit);
