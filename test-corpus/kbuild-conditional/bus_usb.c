// SPDX-License-Identifier: GPL-2.0
/* condmod's usb front end: the Makefile builds this file or the other, never both */
#include <linux/module.h>
#include <linux/moduleparam.h>

int condmod_core_setup(void);

static int bus_id;
module_param(bus_id, int, 0444); /* ok: param/duplicate */ /* expect-notification: rule-skipped */
MODULE_PARM_DESC(bus_id, "usb bus number");

static int __init condmod_usb_init(void)
{
	return condmod_core_setup();
}
module_init(condmod_usb_init); /* ok: init/duplicate-entry */ /* expect-notification: rule-skipped */

static void __exit condmod_usb_exit(void)
{
}
module_exit(condmod_usb_exit); /* ok: init/duplicate-entry */ /* expect-notification: rule-skipped */
