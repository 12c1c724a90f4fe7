/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PINGER_H
#define PINGER_H
/* the provider module's API */
int provider_ping(int times);
int provider_pong(int times);
#endif
