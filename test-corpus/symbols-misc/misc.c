// SPDX-License-Identifier: GPL-2.0
/* misc.c — static exports, placement, extern prototypes, a call to nothing */
#include <linux/module.h>
#include "cyc.h"
#include "misc.h"

extern int misc_counter; /* ok: symbol/extern-in-c */
extern int misc_helper(int x); /* expect: symbol/extern-in-c@12 */
int misc_proto(int x); /* ok: symbol/extern-in-c */

int misc_counter;
EXPORT_SYMBOL(misc_counter); /* ok: symbol/export-placement, symbol/static-export */

static int misc_hidden(void)
{
	return 0;
}
EXPORT_SYMBOL(misc_hidden); /* expect: symbol/static-export@1 */

int misc_helper(int x)
{
	return misc_proto(x);
}
int misc_proto(int x)
{
	return x;
}

EXPORT_SYMBOL_GPL(misc_helper); /* expect: symbol/export-placement@1 */

int misc_stub(void)
{
	return 1;
}
EXPORT_SYMBOL(misc_stub); /* ok: symbol/static-export */

static int __init misc_init(void)
{
	frobnicate_widget(3); /* expect: symbol/unresolved@2 */
	/* looked up at run time (linux/module.h): no dependency on cycb, no cycle through misc */
	if (symbol_get(cycb_fn))
		symbol_put(cycb_fn);
	return cyca_fn(); /* ok: symbol/unresolved */
}
module_init(misc_init); /* expect: init/no-exit@1 */

MODULE_IMPORT_NS("NO_SUCH_NS"); /* expect: symbol/namespace-import-unused@1 */
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("odds and ends");
