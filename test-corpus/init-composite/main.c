// SPDX-License-Identifier: GPL-2.0
/* A mismatch across two objects of one module: main.o's .text calls hw.o's __init code. */
#include <linux/module.h>
#include <linux/init.h>
#include "comp.h"

int comp_resume(void)
{
	return comp_hw_setup(); /* expect: init/section-mismatch@9 */
}
EXPORT_SYMBOL_GPL(comp_resume);

static int __init comp_init(void)
{
	return comp_hw_setup();
}
module_init(comp_init);

static void __exit comp_exit(void)
{
}
module_exit(comp_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("section mismatch across objects");
