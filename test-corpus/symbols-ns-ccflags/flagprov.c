// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include "flagprov.h"

int flagprov_value(void)
{
	return 42;
}
EXPORT_SYMBOL_GPL(flagprov_value); /* in FLAGNS through ccflags-y */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports into the Makefile's namespace");
