/* SPDX-License-Identifier: GPL-2.0 */
#define HASINC_CONFIG_SLOTS 4
