// SPDX-License-Identifier: GPL-2.0
/* pci.c — a part where PCI is set */
int objvar_pci(void);

int objvar_pci(void)
{
	return 0;
}
