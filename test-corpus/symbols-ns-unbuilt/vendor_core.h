/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VENDOR_CORE_H
#define VENDOR_CORE_H
/* exported by the vendor's core module, built elsewhere (in namespace VENDOR_CORE, or not) */
int vendor_core_register(const char *name);
#endif
