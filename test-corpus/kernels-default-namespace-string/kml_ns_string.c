// SPDX-License-Identifier: GPL-2.0
/* DEFAULT_SYMBOL_NAMESPACE as a string literal: 6.12.117's form; 6.1 wants the bare token KML_NS */
#define DEFAULT_SYMBOL_NAMESPACE "KML_NS" /* expect: symbol/namespace-syntax@34 "on 6.1 only" */
#include <linux/module.h>

int kml_ns_string_fn(void)
{
	return 0;
}
EXPORT_SYMBOL_GPL(kml_ns_string_fn);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports into a namespace, 6.12 style");
