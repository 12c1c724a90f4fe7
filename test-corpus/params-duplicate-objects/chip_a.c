// SPDX-License-Identifier: GPL-2.0
/* chip_a.c — linked before chip_b.o: its parameters are the ones a name= option sets */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include "chips.h"

static int rpu = 8;
module_param(rpu, int, 0); /* ok: param/duplicate */
MODULE_PARM_DESC(rpu, "pull-up");

static int level = 1;
module_param(level, int, 0444); /* ok: param/duplicate */
MODULE_PARM_DESC(level, "level");

static int quiet;
module_param(quiet, int, 0444); /* ok: param/duplicate */
MODULE_PARM_DESC(quiet, "quiet");

int chip_a_probe(void)
{
	return rpu + level + quiet;
}
