/*
 * The tag is here, but not on line 1.
 */
// SPDX-License-Identifier: GPL-2.0 /* expect: license/spdx-missing@4 */
int spdxmod_late(void)
{
	return 0;
}
