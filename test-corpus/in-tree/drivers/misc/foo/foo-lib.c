// SPDX-License-Identifier: GPL-2.0
/* obj-y: built in, never a module. */
int foo_lib_helper(void)
{
	return 0;
}
