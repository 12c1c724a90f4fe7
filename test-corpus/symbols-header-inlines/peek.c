// SPDX-License-Identifier: GPL-2.0
/* peek.c — uses one header inline (through another), not the others */
#include <linux/module.h>
#include "peek.h"

static int __init peek_init(void)
{
	pr_info("peek: %p\n", &__this_module); /* ok: symbol/unresolved */
	return corpus_reset_via();
}

static void __exit peek_exit(void)
{
}

module_init(peek_init);
module_exit(peek_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("header inlines, used and unused");
