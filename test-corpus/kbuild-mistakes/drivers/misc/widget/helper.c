// SPDX-License-Identifier: GPL-2.0
#include "widget.h"

int widget_helper_setup(int value)
{
	return value;
}
