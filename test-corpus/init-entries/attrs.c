// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/init.h>

static int __initdata attr_before = 1; /* expect: init/misplaced-attribute@12 */
static int attr_after __initdata = 2; /* ok: init/misplaced-attribute, init/section-conflict */
static const int attr_const_data __initdata = 3; /* expect: init/misplaced-attribute@34 */
static const char attr_const_ok[] __initconst = "ok"; /* ok: init/misplaced-attribute */
static int attr_func_on_data __init = 4; /* expect: init/misplaced-attribute@30, init/section-conflict@12 */

static int __initdata attr_fn(void) /* expect: init/misplaced-attribute@12 */
{
	return attr_before + attr_after + attr_const_data + attr_const_ok[0] + attr_func_on_data;
}

static int __init attr_init(void)
{
	return attr_fn();
}
module_init(attr_init);

static void __exit attr_exit(void)
{
}
module_exit(attr_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("misplaced section attributes");
