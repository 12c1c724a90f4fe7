// SPDX-License-Identifier: GPL-2.0
/* legacy.c — CFLAGS_legacy.o gives this object alone CORPUS_LEGACY_LEVEL=2 */
#include <linux/kernel.h>
#include "flagmod.h"

void flagmod_legacy(void)
{
#if CORPUS_LEGACY_LEVEL >= 2
	corpus_legacy_two(); /* expect: symbol/unresolved@2 */
#elif defined(CORPUS_LEGACY_LEVEL)
	corpus_legacy_one(); /* ok: symbol/unresolved */
#endif
#ifndef CORPUS_HAVE_RING
	corpus_without_ring(); /* ok: symbol/unresolved */
#endif
}
