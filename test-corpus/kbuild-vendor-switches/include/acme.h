/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ACME_H
#define ACME_H

int acme_cfg_init(void);
int acme_hal_init(void);
int acme_bus_ops(void);
int acme_os_init(void);
int acme_os_ioctl(void);
int acme_sec_aes(void);
int acme_sec_tkip(void);
int acme_phy(void);
int acme_rf(void);
int acme_platform(void);

#endif
