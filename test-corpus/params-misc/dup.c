// SPDX-License-Identifier: GPL-2.0
/* Not built by the oracle: two parameters with one name do not compile. */
#include <linux/module.h>
#include <linux/moduleparam.h>

static int a, b;
module_param_named(speed, a, int, 0444); /* ok: param/duplicate */
MODULE_PARM_DESC(speed, "speed");
module_param_named(speed, b, int, 0444); /* expect: param/duplicate@1 */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("duplicate parameter");
