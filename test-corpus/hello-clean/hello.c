// SPDX-License-Identifier: GPL-2.0
/* hello.c — minimal kernel module, exactly as the tutorial teaches it */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/init.h>

MODULE_LICENSE("GPL"); /* ok: license/unknown */
MODULE_AUTHOR("Your Name <you@example.com>");
MODULE_DESCRIPTION("Hello World kernel module");
MODULE_VERSION("1.0");

static int __init hello_init(void) /* ok: init/missing-annotation */
{
    pr_info("hello: module loaded\n");
    return 0;  /* non-zero means init failed */
}

static void __exit hello_exit(void)
{
    pr_info("hello: module unloaded\n");
}

module_init(hello_init); /* ok: license/missing, init/bad-signature, init/no-exit */
module_exit(hello_exit);
