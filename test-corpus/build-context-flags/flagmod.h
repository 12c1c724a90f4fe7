/* SPDX-License-Identifier: GPL-2.0 */
#ifndef FLAGMOD_H
#define FLAGMOD_H
/* defined by no module and exported by no kernel */
void corpus_without_ring(void);
void corpus_dropped_flag(void);
void corpus_legacy_in_core(void);
void corpus_legacy_one(void);
void corpus_legacy_two(void);
/* legacy.c */
void flagmod_legacy(void);
#endif
