// SPDX-License-Identifier: GPL-2.0
/* A world-writable symbolic permission: fails the build (in its own module so the rest builds). */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/stat.h>

static int p_sym_ww;
module_param(p_sym_ww, int, S_IRUGO | S_IWUGO); /* expect: param/world-writable@29, param/symbolic-permission@29 */
MODULE_PARM_DESC(p_sym_ww, "everyone may write");

int symww_value(void)
{
	return p_sym_ww;
}
EXPORT_SYMBOL_GPL(symww_value);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("world-writable symbolic permission");
