// SPDX-License-Identifier: GPL-2.0-only /* ok: license/spdx-missing */
int spdxmod_right(void)
{
	return 0;
}
