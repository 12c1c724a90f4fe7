// SPDX-License-Identifier: GPL-2.0
/* eventfd_signal() took (ctx, n) up to 6.7 and takes (ctx) since 6.8 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/eventfd.h>
#include <linux/err.h>

static struct eventfd_ctx *kml_ctx;

static int __init kml_eventfd_init(void)
{
	kml_ctx = eventfd_ctx_fdget(0);
	if (IS_ERR(kml_ctx))
		return PTR_ERR(kml_ctx);
	eventfd_signal(kml_ctx, 1); /* expect: symbol/wrong-argument-count@2 "on 6.12 only" */
	return 0;
}

static void __exit kml_eventfd_exit(void)
{
	eventfd_ctx_put(kml_ctx);
}

module_init(kml_eventfd_init);
module_exit(kml_eventfd_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("signals an eventfd");
