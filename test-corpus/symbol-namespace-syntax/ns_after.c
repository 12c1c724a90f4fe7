// SPDX-License-Identifier: GPL-2.0
/* defined after <linux/export.h> is read: no export takes it, on any kernel */
#include <linux/module.h>
#define DEFAULT_SYMBOL_NAMESPACE KML_AFTER /* ok: symbol/namespace-syntax */

int kml_after_fn(void)
{
	return 3;
}
EXPORT_SYMBOL_GPL(kml_after_fn);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports without a namespace");
