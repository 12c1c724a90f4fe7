// SPDX-License-Identifier: GPL-2.0
/* The five mistakes of issue 3's acceptance, and nothing else. */
#include <linux/module.h>
#include <linux/moduleparam.h>

static int level;
static int mask;
static long timeout;

module_param(level, int, 0666); /* expect: param/world-writable@26 */
MODULE_PARM_DESC(level, "verbosity");
module_param(mask, int, 644); /* expect: param/non-octal-permission@25 */
MODULE_PARM_DESC(mask, "event mask");
module_param(timeout, bool, 0444); /* expect: param/type-mismatch@1 */
MODULE_PARM_DESC(timeout, "timeout in ms");
MODULE_PARM_DESC(retries, "how often to retry"); /* expect: param/orphan-description@1 */

int acc_state(void)
{
	return level + mask + (int)timeout;
}
EXPORT_SYMBOL_GPL(acc_state);

static int __init acc_init(void)
{
	return acc_state();
}
module_init(acc_init); /* expect: init/no-exit@1 */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("issue 3 acceptance module");
