// SPDX-License-Identifier: GPL-2.0
/* exporter.c — publishes helper functions (the tutorial's example) */
#include <linux/module.h>
#include <linux/export.h>

int mylib_add(int a, int b)
{
    return a + b;
}
EXPORT_SYMBOL(mylib_add);       /* available to all modules */

int mylib_secret(int x)
{
    return x * 42;
}
EXPORT_SYMBOL_GPL(mylib_secret); /* GPL-licensed modules only */

static int __init exporter_init(void) { return 0; }
static void __exit exporter_exit(void) {}
module_init(exporter_init);
module_exit(exporter_exit);
MODULE_LICENSE("GPL"); /* expect: metadata/description-missing@1 */
