// SPDX-License-Identifier: GPL-2.0
/* Autor: Jörg Müller, Latin-1 bytes */
#include <linux/module.h>
MODULE_AUTHOR("Jörg");
MODULE_DESCRIPTION("latin-1 author");
static int __init latin_init(void) { return 0; }
module_init(latin_init); /* expect: license/missing@1, init/no-exit@1 */
