/* SPDX-License-Identifier: GPL-2.0 */ /* ok: license/spdx-missing */
#ifndef GOOD_H
#define GOOD_H
#endif
