/* SPDX-License-Identifier: GPL-2.0 */
int cyca_fn(void);
int cycb_fn(void);
