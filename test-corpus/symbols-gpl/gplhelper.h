/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GPLHELPER_H
#define GPLHELPER_H
int helper_gpl_fn(int x);
int helper_fn(int x);
#endif
