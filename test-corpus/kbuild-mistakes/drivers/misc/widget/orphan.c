// SPDX-License-Identifier: GPL-2.0 /* expect: kbuild/unbuilt-source@1 */
/* Forgotten in widget-objs: never compiled. */
int widget_orphan(void)
{
	return 0;
}
