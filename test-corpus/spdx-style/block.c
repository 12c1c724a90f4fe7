/* SPDX-License-Identifier: GPL-2.0 */ /* expect: license/spdx-missing */
int spdxmod_block(void)
{
	return 0;
}
