// SPDX-License-Identifier: GPL-2.0
/* ctcheck.c — link-time checks gcc resolves from types */
#include <linux/module.h>
#include "ctcheck.h"

const struct ctcheck_cfg ctcheck_cfg_a = { .id = 1 };
const struct ctcheck_other ctcheck_other_b = { .id = 2 };

static const unsigned long ctcheck_table[] = {
	CTCHECK_CFG(ctcheck_cfg_a), /* ok: symbol/unresolved */
};

static struct ctcheck_caps ctcheck_caps;

static int __init ctcheck_init(void)
{
	static const u8 raw[16] = { 1 };
	u8 one;
	int four;
	unsigned long wrong;

	CTCHECK_GET(one, raw); /* ok: symbol/unresolved */
	CTCHECK_GET(four, raw); /* ok: symbol/unresolved */
	CTCHECK_GET(ctcheck_caps.flags, raw); /* ok: symbol/unresolved */
	CTCHECK_GET(ctcheck_caps.port, raw); /* ok: symbol/unresolved */
	CTCHECK_GET(ctcheck_caps.clocks[1], raw); /* ok: symbol/unresolved */
	CTCHECK_GET(ctcheck_caps.ticks, raw); /* expect-notification: size-unknown */
	CTCHECK_GET(ctcheck_caps.serial, raw); /* expect: symbol/unresolved@2 */
	wrong = CTCHECK_CFG(ctcheck_other_b); /* expect: symbol/unresolved@10 */
	pr_info("ctcheck: %u %d %lu %lu\n", one, four, ctcheck_table[0], wrong);
	return 0;
}

static void __exit ctcheck_exit(void)
{
}

module_init(ctcheck_init);
module_exit(ctcheck_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("link-time checks of sizes and types");
