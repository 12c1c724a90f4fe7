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
void notemit_traced(void);
void notemit_never_expanded(void);
void notemit_expanded(void);

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
/* a trace the build compiles out: what its arguments name is not compiled either */
#define NOTEMIT_TRACE(fmt, ...) do { } while (0)

static __attribute__((unused)) const char *notemit_name(int code)
{
	notemit_traced(); /* ok: symbol/unresolved */
	return "";
}

#define NOTEMIT_CHECK(x) do { if (x) NOTEMIT_TRACE("%s", notemit_name(x)); } while (0)

/* a macro no file expands */
static __attribute__((unused)) void notemit_helper_never(void)
{
	notemit_never_expanded(); /* ok: symbol/unresolved */
}

#define NOTEMIT_NEVER() notemit_helper_never()

/* a macro that is expanded calls what it names */
static void notemit_helper_expanded(void)
{
	notemit_expanded(); /* expect: symbol/unresolved@2 */
}

#define NOTEMIT_EXPANDED() notemit_helper_expanded()
#endif
