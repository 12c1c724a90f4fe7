/* SPDX-License-Identifier: GPL-2.0 */ /* expect: license/spdx-missing@4 */
int spdxmod_block(void)
{
	return 0;
}
