// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/moduleparam.h>

static u32 ok_u32;
static bool ok_bool;
static char *ok_name = "x";
static unsigned long ok_masks[4];
static int nmasks;
static unsigned int sign_slip;

module_param(ok_u32, uint, 0444); /* ok: param/type-mismatch, param/undeclared-variable, param/signedness-mismatch */
MODULE_PARM_DESC(ok_u32, "u32 is unsigned int"); /* ok: param/orphan-description */
module_param(ok_bool, bool, 0444); /* ok: param/type-mismatch, param/unknown-type */
MODULE_PARM_DESC(ok_bool, "a bool");
module_param(ok_name, charp, 0444); /* ok: param/type-mismatch */
MODULE_PARM_DESC(ok_name, "a string");
module_param_array(ok_masks, ulong, &nmasks, 0444); /* ok: param/type-mismatch */
MODULE_PARM_DESC(ok_masks, "masks");
module_param(sign_slip, int, 0444); /* expect: param/signedness-mismatch@1 */
MODULE_PARM_DESC(sign_slip, "int over unsigned int: builds, read with the wrong sign");

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("parameter types");
