/* SPDX-License-Identifier: GPL-2.0 */
#include <linux/mutex.h>

int consumer_util(int x);
int consumer_never_defined(int x);
int consumer_missing_fn(void);
extern struct mutex consumer_lock;

/* never called: the compiler emits neither it nor its reference to consumer_missing_fn */
static inline int consumer_unused_inline(void)
{
	return consumer_missing_fn(); /* ok: symbol/unresolved */
}
