/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PEEK_H
#define PEEK_H
/* defined in a kernel-internal object this module never links with */
extern int corpus_internal_counter;
int corpus_internal_reset(void);

static inline int corpus_peek(void)
{
	return corpus_internal_counter;
}

static inline int corpus_peek_twice(void)
{
	return corpus_peek() * 2;
}

static inline int corpus_reset(void)
{
	return corpus_internal_reset(); /* expect: symbol/unresolved@9 */
}

static inline int corpus_reset_via(void)
{
	return corpus_reset();
}
#endif
