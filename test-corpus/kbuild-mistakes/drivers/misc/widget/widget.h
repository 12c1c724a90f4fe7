/* SPDX-License-Identifier: GPL-2.0 */
int widget_helper_setup(int value);
