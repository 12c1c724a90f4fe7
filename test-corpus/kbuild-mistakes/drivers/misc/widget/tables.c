// SPDX-License-Identifier: GPL-2.0 /* ok: kbuild/unbuilt-source */
static const int widget_table[] = { 1, 2, 3 };
