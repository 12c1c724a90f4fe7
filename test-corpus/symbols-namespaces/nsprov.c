// SPDX-License-Identifier: GPL-2.0
/* nsprov.c — exports into two namespaces */
/* before any #include: <linux/export.h> tests it when it is included (6.1) */
#define DEFAULT_SYMBOL_NAMESPACE NSPROV_CORE
#include <linux/module.h>

int nsprov_explicit(void)
{
	return 1;
}
EXPORT_SYMBOL_NS_GPL(nsprov_explicit, NSPROV_EXTRA);

int nsprov_default(void)
{
	return 2;
}
EXPORT_SYMBOL_GPL(nsprov_default); /* in NSPROV_CORE through DEFAULT_SYMBOL_NAMESPACE */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("namespace provider");
