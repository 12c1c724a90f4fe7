// SPDX-License-Identifier: GPL-2.0
/* a default namespace no export takes builds whatever its form */
#define DEFAULT_SYMBOL_NAMESPACE KML_UNUSED /* ok: symbol/namespace-syntax */
#include <linux/module.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("no exports");
