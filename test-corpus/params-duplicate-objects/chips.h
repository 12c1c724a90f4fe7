/* SPDX-License-Identifier: GPL-2.0 */
int chip_a_probe(void);
int chip_b_probe(void);
