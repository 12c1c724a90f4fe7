/* SPDX-License-Identifier: GPL-2.0 */
#ifndef STRVER_VERSION_H
#define STRVER_VERSION_H
#define STRVER_MAJOR 2
#define STRVER_MINOR 4
#endif
