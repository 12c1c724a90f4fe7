// SPDX-License-Identifier: GPL-2.0
int gadget_core(void)
{
	return 1;
}
