// SPDX-License-Identifier: GPL-2.0
/* amdnode.c — a static inline of an architecture header (arch/x86/include/asm/amd_nb.h) */
#include <linux/module.h>
#include <linux/pci.h>
#include <asm/amd_nb.h>

static int __init amdnode_init(void)
{
	struct pci_dev *pdev = pci_get_device(PCI_VENDOR_ID_AMD, PCI_ANY_ID, NULL);
	int node = 0;

	if (pdev) {
		node = amd_pci_dev_to_node_id(pdev); /* ok: symbol/unresolved */
		pci_dev_put(pdev);
	}
	return node < 0 ? node : 0;
}

static void __exit amdnode_exit(void)
{
}

module_init(amdnode_init);
module_exit(amdnode_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("an inline of asm/amd_nb.h");
