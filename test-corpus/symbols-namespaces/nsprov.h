/* SPDX-License-Identifier: GPL-2.0 */
int nsprov_explicit(void);
int nsprov_default(void);
