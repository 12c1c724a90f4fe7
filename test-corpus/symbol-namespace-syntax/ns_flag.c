// SPDX-License-Identifier: GPL-2.0
/* the namespace given by the Makefile (CFLAGS_ns_flag.o in Kbuild) */
#include <linux/module.h>

int kml_flag_fn(void)
{
	return 4;
}
EXPORT_SYMBOL_GPL(kml_flag_fn);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("exports in namespace KML_FLAG");
