// SPDX-License-Identifier: GPL-2.0
/* Type errors the real build rejects. */
#include <linux/module.h>
#include <linux/moduleparam.h>

static long long_for_int;
static int scalar_for_array;
static int array_for_scalar[2];
static char buf_charp[16];
static int nope_var;

module_param(long_for_int, int, 0444); /* expect: param/type-mismatch@1 */
MODULE_PARM_DESC(long_for_int, "long over int");
module_param_array(scalar_for_array, int, NULL, 0444); /* expect: param/type-mismatch@1 */
MODULE_PARM_DESC(scalar_for_array, "array form over a scalar");
module_param(array_for_scalar, int, 0444); /* expect: param/type-mismatch@1 */
MODULE_PARM_DESC(array_for_scalar, "scalar form over an array");
module_param(buf_charp, charp, 0444); /* expect: param/type-mismatch@1 */
MODULE_PARM_DESC(buf_charp, "charp over char[]");
module_param(nope, int, 0444); /* expect: param/undeclared-variable@1 */
MODULE_PARM_DESC(nope, "no such variable");
module_param(nope_var, frobnicator, 0444); /* expect: param/unknown-type@1 */
MODULE_PARM_DESC(nope_var, "no such type");

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("parameter type errors");
