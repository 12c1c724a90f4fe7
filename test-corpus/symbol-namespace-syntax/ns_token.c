// SPDX-License-Identifier: GPL-2.0
/* DEFAULT_SYMBOL_NAMESPACE as a bare token: 6.1 stringifies it, 6.12.117 hands it to the assembler as it is */
#define DEFAULT_SYMBOL_NAMESPACE KML_TOKEN /* expect: symbol/namespace-syntax@34 "on 6.12 only" */
#include <linux/module.h>

int kml_token_fn(void)
{
	return 1;
}
EXPORT_SYMBOL_GPL(kml_token_fn);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports in namespace KML_TOKEN");
