// SPDX-License-Identifier: GPL-2.0 /* expect: kbuild/unbuilt-source@1 */
/*
 * A usage example shipped beside the driver that no Makefile line builds: it has
 * module_init but no MODULE_LICENSE, and it is not a module of its own, because the
 * Makefile of this directory builds modules and does not list it.
 */
#include <linux/module.h>
#include <linux/init.h>

static int __init widget_example_init(void) /* ok: init/missing-annotation */
{
	return 0;
}
module_init(widget_example_init); /* ok: license/missing, metadata/description-missing, init/no-exit */
