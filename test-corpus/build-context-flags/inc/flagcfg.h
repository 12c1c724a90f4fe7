/* SPDX-License-Identifier: GPL-2.0 */
/* found only through the Makefile's -I$(src)/inc */
#ifndef FLAGCFG_H
#define FLAGCFG_H
#define CORPUS_RING_SLOTS 8
#define CORPUS_RING_NAME "flagmod-ring"
#endif
