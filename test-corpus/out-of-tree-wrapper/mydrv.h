/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MYDRV_H
#define MYDRV_H
int mydrv_helper(void);
int mydrv_irq_setup(void);
#endif
