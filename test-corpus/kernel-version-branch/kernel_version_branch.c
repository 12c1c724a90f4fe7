// SPDX-License-Identifier: GPL-2.0
/*
 * kernel_version_branch.c — upstream replaced register_syscore_ops() by register_syscore() in a
 * later release; Debian's 6.12.117 took the change while LINUX_VERSION_CODE still says 6.12, so
 * the branch this module wrote for older kernels is the one taken there, and does not build.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/syscore_ops.h>
#include <linux/version.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("corpus cases of kernel/version-branch");

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 18, 0)
static void kml_resume(void)
{
}

static struct syscore_ops kml_ops = {
	.resume = kml_resume,
};
#else
static void kml_resume(void *data)
{
}

static const struct syscore_ops kml_ops = {
	.resume = kml_resume,
};

static struct syscore kml_syscore = {
	.ops = &kml_ops,
};
#endif

static int __init kernel_version_branch_init(void)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 18, 0) /* expect: kernel/version-branch@1 "on 6.12 only" */
	register_syscore_ops(&kml_ops); /* expect: symbol/unresolved@2 "on 6.12 only" */
#else
	register_syscore(&kml_syscore);
#endif
	return 0;
}

static void __exit kernel_version_branch_exit(void)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 1, 0) /* ok: kernel/version-branch */
	pr_info("unloaded\n");
#else
	pr_info("unloaded from an old kernel\n");
#endif
}

module_init(kernel_version_branch_init);
module_exit(kernel_version_branch_exit);
