// SPDX-License-Identifier: GPL-2.0
/* notemit.c — static code that no emitted code reaches */
#include <linux/module.h>
#include "notemit.h"

static int mode;
module_param(mode, int, 0444);
MODULE_PARM_DESC(mode, "a value only known at run time");

static void notemit_run_simd(void)
{
	notemit_simd_only(); /* ok: symbol/unresolved */
}

static const struct notemit_ops notemit_simd_ops = {
	.run = notemit_run_simd,
};

static void notemit_run_ignored(void)
{
	notemit_ignored(); /* ok: symbol/unresolved */
}

static const struct notemit_ops notemit_ignored_ops = {
	.run = notemit_run_ignored,
};

static void __maybe_unused notemit_nobody(void)
{
	notemit_unreferenced(); /* ok: symbol/unresolved */
}

static void __used notemit_kept_anyway(void)
{
	notemit_kept(); /* expect: symbol/unresolved@2 */
}

static void notemit_reach(void)
{
	notemit_reached(); /* expect: symbol/unresolved@2 */
}

static int __init notemit_init(void)
{
	const struct notemit_ops *ops = NULL;

	if (IS_ENABLED(CONFIG_KASAN))
		ops = &notemit_simd_ops;
	if (notemit_flashpoint_type(mode))
		notemit_flashpoint(); /* ok: symbol/unresolved */
	if (notemit_passthru_ops())
		notemit_passthru(); /* ok: symbol/unresolved */
	mode += notemit_register(&mode, &notemit_ignored_ops);
	notemit_reach();
	NOTEMIT_CHECK(mode);
	NOTEMIT_EXPANDED();
	if (ops)
		ops->run();
	return 0;
}

static void __exit notemit_exit(void)
{
}

module_init(notemit_init);
module_exit(notemit_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("static code that is not compiled in");
