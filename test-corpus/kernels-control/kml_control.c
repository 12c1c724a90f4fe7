// SPDX-License-Identifier: GPL-2.0
/*
 * Builds on 6.1 and on 6.12: each API change behind a test of the version, and pwm_get(), which
 * 6.12 exports in namespace PWM, imported by 6.12's <linux/pwm.h> itself.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/device/class.h>
#include <linux/eventfd.h>
#include <linux/pwm.h>
#include <linux/string.h>
#include <linux/version.h>
#include <linux/err.h>

static struct class *kml_class;
static struct eventfd_ctx *kml_ctx;
static char kml_name[16];

static int __init kml_control_init(void)
{
	struct pwm_device *pwm = pwm_get(NULL, "kml"); /* ok: symbol/namespace-not-imported */

	if (!IS_ERR(pwm))
		pwm_put(pwm);
	strscpy(kml_name, "control", sizeof(kml_name));
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	kml_class = class_create("kml_control"); /* ok: symbol/wrong-argument-count */
#else
	kml_class = class_create(THIS_MODULE, "kml_control"); /* ok: symbol/wrong-argument-count */
#endif
	if (IS_ERR(kml_class))
		return PTR_ERR(kml_class);
	kml_ctx = eventfd_ctx_fdget(0);
	if (!IS_ERR(kml_ctx)) {
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
		eventfd_signal(kml_ctx); /* ok: symbol/wrong-argument-count */
#else
		eventfd_signal(kml_ctx, 1); /* ok: symbol/wrong-argument-count */
#endif
		eventfd_ctx_put(kml_ctx);
	}
	return 0;
}

static void __exit kml_control_exit(void)
{
	class_destroy(kml_class);
}

module_init(kml_control_init);
module_exit(kml_control_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("builds on 6.1 and 6.12");
