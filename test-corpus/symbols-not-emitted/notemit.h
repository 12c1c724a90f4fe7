/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NOTEMIT_H
#define NOTEMIT_H
/* defined by no module and exported by no kernel */
void notemit_simd_only(void);
void notemit_flashpoint(void);
void notemit_passthru(void);
void notemit_unreferenced(void);
void notemit_ignored(void);
void notemit_kept(void);
void notemit_reached(void);

struct notemit_ops {
	void (*run)(void);
};

/* as without the optional part: a constant */
#define notemit_flashpoint_type(x) (false)

static inline const struct notemit_ops *notemit_passthru_ops(void)
{
	return NULL;
}

/* the stub of an optional interface: it ignores its arguments */
static inline int notemit_register(void *priv, const struct notemit_ops *ops)
{
	return 0;
}
#endif
