// SPDX-License-Identifier: GPL-2.0
/* stalever: a version macro built from another macro */
#include <linux/module.h>
#include <linux/stringify.h>

#define STALEVER_MINOR 4
#define STALEVER_VERSION "2." __stringify(STALEVER_MINOR)

static int __init stalever_init(void)
{
	return 0;
}
module_init(stalever_init);

static void __exit stalever_exit(void)
{
}
module_exit(stalever_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("a version macro that lags behind");
MODULE_VERSION(STALEVER_VERSION);
