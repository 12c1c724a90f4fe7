// SPDX-License-Identifier: GPL-2.0
int cfgdemo_pci(void);

int cfgdemo_pci(void)
{
	return 0;
}
