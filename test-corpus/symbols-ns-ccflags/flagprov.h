/* SPDX-License-Identifier: GPL-2.0 */
int flagprov_value(void);
