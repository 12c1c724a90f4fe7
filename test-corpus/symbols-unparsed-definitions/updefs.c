// SPDX-License-Identifier: GPL-2.0
/* updefs.c — objects whose definitions hold macros of unread headers */
#include <linux/module.h>
#include <linux/cache.h>
#include <linux/xattr.h>
#include "updefs.h"

static int updefs_suspend(struct device *dev)
{
	return 0;
}

static int updefs_resume(struct device *dev)
{
	return 0;
}

static int updefs_idle(struct device *dev)
{
	updefs_idle_only(); /* expect: symbol/unresolved@2 */
	return 0;
}

const struct dev_pm_ops updefs_pm = {
	SET_SYSTEM_SLEEP_PM_OPS(updefs_suspend, updefs_resume)
	SET_RUNTIME_PM_OPS(NULL, NULL, updefs_idle)
};

const int updefs_table[4] ____cacheline_internodealigned_in_smp = { 1, 2, 3, 4 };

const char *const updefs_names[] = {
	XATTR_TRUSTED_PREFIX "updefs",
	XATTR_USER_PREFIX "updefs",
};
