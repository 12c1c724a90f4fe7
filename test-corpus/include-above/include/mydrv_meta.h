/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the drivers of this repository; the module directory includes it from above. */
#define MYDRV_LICENSE "GPL"
#define MYDRV_DESCRIPTION "driver whose metadata lives in a shared header"
