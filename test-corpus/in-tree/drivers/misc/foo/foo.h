/* SPDX-License-Identifier: GPL-2.0 */
#ifndef FOO_H
#define FOO_H
int foo_i2c_register(void);
int foo_debugfs_init(void);
#endif
