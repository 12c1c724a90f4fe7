// SPDX-License-Identifier: GPL-2.0
/* pinger.c — uses the exports of another out-of-tree module */
#include <linux/module.h>
#include "pinger.h"

static int __init pinger_init(void)
{
	int a = provider_ping(1); /* ok: symbol/unresolved */
	int b = provider_pong(1); /* expect: symbol/unresolved@10 */

	return a + b;
}

static void __exit pinger_exit(void)
{
}

module_init(pinger_init);
module_exit(pinger_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("links against another out-of-tree module");
