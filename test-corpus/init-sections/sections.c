// SPDX-License-Identifier: GPL-2.0
/* Section mismatches modpost sees, those it cannot see, and the references it allows. */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/platform_device.h>

int __init sec_hw_setup(void)
{
	pr_info("sec: hardware set up\n");
	return 0;
}

static int sec_table[4] __initdata = { 1, 2, 3, 4 };

/* .text -> .init.text: modpost warns */
noinline int sec_probe(struct platform_device *pdev)
{
	return sec_hw_setup(); /* expect: init/section-mismatch@9 */
}

/* .text -> .init.data */
noinline int sec_lookup(int i)
{
	return sec_table[i & 3]; /* expect: init/section-mismatch@9 */
}

/* __ref: the author vouches for it */
noinline int __ref sec_hotplug(void)
{
	return sec_hw_setup(); /* ok: init/section-mismatch */
}

/* an inline helper: once inlined into sec_init, modpost no longer sees the reference */
static inline int sec_helper(void)
{
	return sec_hw_setup(); /* expect: init/section-mismatch@9 */
}

struct sec_ops {
	int (*setup)(void);
};

/* const data pointing at __init code: modpost does not check .rodata */
static const struct sec_ops sec_const_hooks = {
	.setup = sec_hw_setup, /* expect: init/section-mismatch@11 */
};

/* a name on modpost's allow-list (*_ops) */
static struct sec_ops sec_boot_ops = {
	.setup = sec_hw_setup, /* ok: init/section-mismatch */
};

/* writable data pointing at __init code: modpost warns */
struct sec_ops sec_hooks = {
	.setup = sec_hw_setup, /* expect: init/section-mismatch@11 */
};

static struct platform_driver sec_driver = {
	.probe = sec_probe,
	.driver = { .name = "sec" },
};

static int __init sec_init(void)
{
	return sec_helper() + sec_hooks.setup() + sec_const_hooks.setup() + sec_boot_ops.setup()
		+ sec_hotplug() + sec_lookup(0) + platform_driver_register(&sec_driver);
}
module_init(sec_init);

static void __exit sec_exit(void)
{
	platform_driver_unregister(&sec_driver);
}
module_exit(sec_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("section mismatches");
