/* SPDX-License-Identifier: GPL-2.0 */
int consumer_util(int x);
int consumer_never_defined(int x);
