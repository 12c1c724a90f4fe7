/* SPDX-License-Identifier: GPL-2.0 */
static inline int hasinc_local_value(void)
{
	return 1;
}
