// SPDX-License-Identifier: GPL-2.0
/* chip_b.c — the same parameter names as chip_a.c, in an object of the same module */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include "chips.h"

/* no sysfs file for either: it loads, and rpu= never reaches this one */
static int rpu = 4;
module_param(rpu, int, 0); /* expect: param/duplicate@1 "sets only the variable of the object linked first (chip_a.c)" */

/* a sysfs file for each: /sys/module/dupobj/parameters/level twice, the load fails */
static int level = 2;
module_param(level, int, 0644); /* expect: param/duplicate@1 "refuses to load" */

/* one sysfs file only (chip_a.c's): it loads */
static int quiet;
module_param(quiet, int, 0); /* expect: param/duplicate@1 "builds and loads" */

/* a name chip_a.c does not use */
static int turbo;
module_param(turbo, int, 0444); /* ok: param/duplicate */
MODULE_PARM_DESC(turbo, "turbo");

int chip_b_probe(void)
{
	return rpu + level + quiet + turbo;
}
