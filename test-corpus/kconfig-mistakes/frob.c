// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

#ifdef CONFIG_FROB_DEBUGGING /* expect: kconfig/undefined-symbol-in-source@8 */
#define FROB_DEBUG 1
#endif
#if IS_ENABLED(CONFIG_FROB_DMA) || defined(CONFIG_FROB_STATS) /* ok: kconfig/undefined-symbol-in-source */
#define FROB_FAST 1
#endif
#ifdef CONFIG_DEBUG_FSS /* expect: kconfig/undefined-symbol-in-source@8 */
#define FROB_DEBUGFS 1
#endif
#ifdef CONFIG_DEBUG_FS /* ok: kconfig/undefined-symbol-in-source */
#define FROB_DEBUGFS_ON 1
#endif
#if IS_MODULE(CONFIG_FROB_MODULE) /* ok: kconfig/undefined-symbol-in-source */
#define FROB_AS_MODULE 1
#endif
/* CONFIG_FROB_IN_A_COMMENT is no test */
static const char frob_note[] = "CONFIG_FROB_IN_A_STRING";

static int __init frob_init(void)
{
	if (IS_REACHABLE(CONFIG_I2C) && IS_BUILTIN(CONFIG_FROB_SPI)) /* ok: kconfig/undefined-symbol-in-source */
		return CONFIG_FROB_BUFFERS + CONFIG_FROB_RETRIES + sizeof(frob_note);
	if (IS_ENABLED(CONFIG_FROB_MODE_SLOW) || IS_ENABLED(CONFIG_FROB_MODE_SAFE))
		return 1;
	if (IS_ENABLED(CONFIG_FROB_VERBOSE) || IS_ENABLED(CONFIG_FROB_RING_BELL_ADVANCED))
		return 2;
	return IS_ENABLED(CONFIG_FROB_FANCY); /* expect: kconfig/undefined-symbol-in-source@20 */
}
module_init(frob_init);

static void __exit frob_exit(void)
{
}
module_exit(frob_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Frob controller");
