/* SPDX-License-Identifier: GPL-2.0 */
#ifndef COMP_H
#define COMP_H
int comp_hw_setup(void);
#endif
