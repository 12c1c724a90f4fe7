/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MYDRV_H
#define MYDRV_H
int mydrv_helper(void);
#endif
