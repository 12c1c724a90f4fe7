// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/platform_device.h>

static struct platform_driver withdesc_driver = {
	.driver = { .name = "withdesc" },
};
module_platform_driver(withdesc_driver); /* ok: license/missing */

MODULE_LICENSE("GPL"); /* ok: metadata/description-missing */
MODULE_DESCRIPTION(
	"a description split over "
	"two string literals");
