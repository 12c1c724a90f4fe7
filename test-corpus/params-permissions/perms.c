// SPDX-License-Identifier: GPL-2.0
/* Permission edge cases. Each parameter is read at runtime (perms_show) so writes matter. */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/stat.h>

static int p_zero, p_ro, p_dec444, p_0664, p_0200, p_sym, p_hex, p_sym_ww, p_dec420, p_bad;

module_param(p_zero, int, 0); /* ok: param/non-octal-permission */
MODULE_PARM_DESC(p_zero, "hidden from sysfs");
module_param(p_ro, int, 0444); /* ok: param/world-writable, param/symbolic-permission */
MODULE_PARM_DESC(p_ro, "read-only");
module_param(p_dec444, int, 444); /* expect: param/non-octal-permission@29 */
MODULE_PARM_DESC(p_dec444, "decimal 444 is 0674: builds, group-writable");
module_param(p_0664, int, 0664); /* ok: param/invalid-permission */
MODULE_PARM_DESC(p_0664, "group-writable, fine");
module_param(p_0200, int, 0200); /* ok: param/invalid-permission */
MODULE_PARM_DESC(p_0200, "write-only by root");
module_param(p_sym, int, S_IRUSR | S_IWUSR); /* expect: param/symbolic-permission@26 */
MODULE_PARM_DESC(p_sym, "symbolic 0600");
module_param(p_hex, int, 0x1a4); /* expect: param/non-octal-permission@26 */
MODULE_PARM_DESC(p_hex, "hex 0644");
module_param(p_dec420, int, 420); /* expect: param/non-octal-permission@29 */
MODULE_PARM_DESC(p_dec420, "decimal 420 is 0644");
module_param(p_bad, int, 0464); /* expect: param/invalid-permission@26 */
MODULE_PARM_DESC(p_bad, "group can read what the owner cannot");

int perms_show(void)
{
	return p_zero + p_ro + p_dec444 + p_0664 + p_0200 + p_sym + p_hex + p_sym_ww + p_dec420 + p_bad;
}
EXPORT_SYMBOL_GPL(perms_show);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("permission edge cases");
