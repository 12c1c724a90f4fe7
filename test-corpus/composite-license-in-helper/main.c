// SPDX-License-Identifier: GPL-2.0
/* The license lives in helper.c: Kbuild links both into mydrv.ko, so modpost is content. */
#include <linux/module.h>
#include <linux/init.h>
#include "mydrv.h"

static int __init mydrv_init(void)
{
	return mydrv_helper();
}

static void __exit mydrv_exit(void)
{
}

module_init(mydrv_init); /* ok: license/missing */
module_exit(mydrv_exit);
