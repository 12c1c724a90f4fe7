// SPDX-License-Identifier: GPL-2.0
/* Section attributes written on a prototype only: gcc gives them to the definition. */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/platform_device.h>
#include "proto.h"

static int __init proto_probe(struct platform_device *);
static int proto_remove(struct platform_device *);

static int proto_probe(struct platform_device *pdev)
{
	return 0;
}

static int proto_remove(struct platform_device *pdev)
{
	return 0;
}

static struct platform_driver proto_driver = {
	.probe = proto_probe, /* expect: init/section-mismatch@11 "proto_probe (.init.text)" */
	.remove = proto_remove, /* ok: init/section-mismatch */
	.driver = { .name = "proto" },
};

/* noinline: inlined into its caller, modpost would not see the reference (kmodlint does) */
noinline int proto_calibrate(void)
{
	pr_info("proto: calibrated\n");
	return 1;
}

/* __init on the definition; the plain prototype after it changes nothing */
static noinline int __init proto_early(void)
{
	pr_info("proto: early\n");
	return 2;
}
static int proto_early(void);

noinline int proto_resume(void)
{
	return proto_calibrate() + proto_early(); /* expect: init/section-mismatch@9, init/section-mismatch@29 */
}
EXPORT_SYMBOL_GPL(proto_resume);

/* the entry points are __init/__exit through their prototypes */
static int __init proto_init(void);
static void __exit proto_exit(void);

static int proto_init(void) /* ok: init/missing-annotation */
{
	return proto_board_setup() + platform_driver_register(&proto_driver);
}
module_init(proto_init);

static void proto_exit(void) /* ok: init/missing-annotation */
{
	platform_driver_unregister(&proto_driver);
}
module_exit(proto_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("section attributes on prototypes");
