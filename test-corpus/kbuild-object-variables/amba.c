// SPDX-License-Identifier: GPL-2.0
/* amba.c — a part only where ARM_AMBA is set */
int objvar_amba(void);

int objvar_amba(void)
{
	return 0;
}
