// SPDX-License-Identifier: GPL-2.0
/* A module only where CONFIG_ARM is set, which the configuration here does not. */
#include <linux/module.h>
#include <linux/init.h>

static int __init armonly_init(void)
{
	return 0;
}

static void __exit armonly_exit(void)
{
}

module_init(armonly_init); /* ok: license/missing, metadata/description-missing */
module_exit(armonly_exit);
