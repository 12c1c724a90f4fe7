// SPDX-License-Identifier: GPL-2.0
/* DEFAULT_SYMBOL_NAMESPACE as a bare token: 6.1's form; 6.12.117 wants the string "KML_NS" */
#define DEFAULT_SYMBOL_NAMESPACE KML_NS /* expect: symbol/namespace-syntax@34 "on 6.12 only" */
#include <linux/module.h>

int kml_ns_token_fn(void)
{
	return 0;
}
EXPORT_SYMBOL_GPL(kml_ns_token_fn);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports into a namespace, 6.1 style");
