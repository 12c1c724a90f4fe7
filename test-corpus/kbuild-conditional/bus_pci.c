// SPDX-License-Identifier: GPL-2.0
/* condmod's pci front end: the Makefile builds this file or the other, never both */
#include <linux/module.h>
#include <linux/moduleparam.h>

int condmod_core_setup(void);

static int bus_id;
module_param(bus_id, int, 0444); /* ok: param/duplicate */
MODULE_PARM_DESC(bus_id, "pci bus number");

static int __init condmod_pci_init(void)
{
	return condmod_core_setup();
}
module_init(condmod_pci_init); /* ok: init/duplicate-entry */

static void __exit condmod_pci_exit(void)
{
}
module_exit(condmod_pci_exit); /* ok: init/duplicate-entry */
