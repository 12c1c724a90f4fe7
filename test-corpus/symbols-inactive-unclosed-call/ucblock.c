// SPDX-License-Identifier: GPL-2.0
/* ucblock.c — a block left out with #if 0 that no longer compiles */
#include <linux/module.h>
#include "ucblock.h"

#define UCREAD(reg) ucblock_read(reg)
#define UCOFFSET(base, n) ((base) + (n))

static int ucblock_read(int reg)
{
	return reg;
}

#if 0
static int ucblock_old(int reg)
{
	return UCREAD(UCOFFSET(reg, 4); /* expect-notification: inactive-code-not-read */
}
#endif

static int ucblock_get(int reg)
{
	return ucblock_read(reg) + ucblock_missing(reg); /* expect: symbol/unresolved@29 */
}

const struct ucblock_funcs ucblock_funcs = {
	.get = ucblock_get,
};
