/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DEADBR_H
#define DEADBR_H
/* defined by no module and exported by no kernel */
void deadbr_kasan_only(void);
void deadbr_hashed(const void *buf);
void deadbr_not_taken(void);
void deadbr_right_of_and(void);
void deadbr_printk(void);
void deadbr_runtime(void);
void deadbr_else_of_true(void);

struct deadbr_info {
	int authenticated;
};

/* constant 0 on the target kernel: Debian's 6.1 builds without KASAN */
static inline int deadbr_authenticated(const struct deadbr_info *c)
{
	return IS_ENABLED(CONFIG_KASAN) && c->authenticated;
}

static inline void deadbr_hash(const struct deadbr_info *c, const void *buf)
{
	if (deadbr_authenticated(c))
		deadbr_hashed(buf); /* ok: symbol/unresolved */
}
#endif
