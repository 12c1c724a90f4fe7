// SPDX-License-Identifier: GPL-2.0
/* consumer.c — calls functions from exporter */
#include <linux/module.h>
#include <linux/kernel.h>

extern int mylib_add(int a, int b); /* expect: symbol/extern-in-c@12 */
extern int mylib_secret(int x); /* expect: symbol/extern-in-c@12 */

static int __init consumer_init(void)
{
    pr_info("add(3,4) = %d\n", mylib_add(3, 4));
    pr_info("secret(5) = %d\n", mylib_secret(5));
    return 0;
}
module_init(consumer_init); /* expect: init/no-exit@1 */
MODULE_LICENSE("GPL"); /* expect: metadata/description-missing@1 */
