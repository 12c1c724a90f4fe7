/* SPDX-License-Identifier: GPL-2.0 */
int acme_bus_count(void);
