// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

static char devname[16] = "misc0";
static char bigname[8];
static int io_base, irq, weird;
static int debug;
static int undocumented;

module_param_string(devname, devname, sizeof(devname), 0444); /* ok: param/string-size */
MODULE_PARM_DESC(devname, "device name");
module_param_string(bigname, bigname, 32, 0444); /* expect: param/string-size@1 */
MODULE_PARM_DESC(bigname, "a name that does not fit");
module_param_hw(io_base, int, ioport, 0444); /* ok: param/bad-hw-type */
MODULE_PARM_DESC(io_base, "I/O base");
module_param_hw(irq, int, irq, 0444); /* ok: param/bad-hw-type */
MODULE_PARM_DESC(irq, "IRQ line");
module_param_hw(weird, int, port, 0444); /* expect: param/bad-hw-type@1 */
MODULE_PARM_DESC(weird, "a hardware parameter of an unknown kind");
module_param(debug, int, 0644); /* ok: param/write-ineffective */
MODULE_PARM_DESC(debug, "read at runtime");
module_param(undocumented, int, 0444); /* expect: param/missing-description@1 */

int misc_value(void)
{
	return debug + io_base + irq + weird + undocumented + (int)strlen(devname) + (int)strlen(bigname);
}
EXPORT_SYMBOL_GPL(misc_value);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("string, hardware and documentation cases");
