// SPDX-License-Identifier: GPL-2.0
/* Another object of the module: a prototype in one .c file does not reach another. */
#include <linux/init.h>
#include <linux/export.h>
#include <linux/printk.h>
#include "proto.h"

int __init proto_board_setup(void)
{
	return 0;
}

/* __init only where it is declared here, defined plainly in board.c below: one unit, so it is __init */
int __init proto_board_probe(void);

noinline int proto_board_probe(void)
{
	pr_info("proto: board probed\n");
	return 0;
}

/* what core.c declares about its own functions means nothing here */
int proto_board_helper(void);

noinline int proto_board_reset(void)
{
	return proto_board_probe(); /* expect: init/section-mismatch@9 */
}
EXPORT_SYMBOL_GPL(proto_board_reset);

int proto_board_helper(void)
{
	return proto_board_reset();
}
