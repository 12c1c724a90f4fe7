// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
int broken(void { return ((; }
}}} struct { int;
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("syntax errors do not stop the analysis");
static int __init broken_init(void) { return 0; }
module_init(broken_init); /* ok: license/missing */ /* expect: init/no-exit@1 */
