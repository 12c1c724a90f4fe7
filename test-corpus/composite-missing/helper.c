// SPDX-License-Identifier: GPL-2.0
int split_helper(void)
{
	return 0;
}
