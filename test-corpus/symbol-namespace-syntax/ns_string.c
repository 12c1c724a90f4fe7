// SPDX-License-Identifier: GPL-2.0
/* DEFAULT_SYMBOL_NAMESPACE as a string literal, as 6.12.117 (and 6.13) want it: two strings on 6.1 */
#define DEFAULT_SYMBOL_NAMESPACE "KML_STRING" /* expect: symbol/namespace-syntax@34 "on 6.1 only" */
#include <linux/module.h>

int kml_string_fn(void)
{
	return 2;
}
EXPORT_SYMBOL(kml_string_fn);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports in namespace KML_STRING");
