/* SPDX-License-Identifier: GPL-2.0 */
#if IS_ENABLED(CONFIG_DEBUG_FS)
int misc_stub(void);
#else
/* the stub users get without the config; misc.c's real definition is what is exported */
static inline int misc_stub(void) { return 0; }
#endif
