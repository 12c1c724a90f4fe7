// SPDX-License-Identifier: GPL-2.0 /* expect: license/spdx-missing@4 */
#ifndef BAD_H
#define BAD_H
#endif
