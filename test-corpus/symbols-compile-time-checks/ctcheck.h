/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CTCHECK_H
#define CTCHECK_H
#include <linux/types.h>
#include <linux/string.h>

/* defined by no module and exported by no kernel: a use the compiler keeps fails the link */
extern void __buggy_use_of_CTCHECK_GET(void);
extern unsigned long ctcheck_invalid_type;

#define CTCHECK_GET(dest, source)					\
	do {								\
		switch (sizeof(dest)) {					\
		case 1: memcpy(&(dest), (source), 1); break;		\
		case 2: memcpy(&(dest), (source), 2); break;		\
		case 4: memcpy(&(dest), (source), 4); break;		\
		case 8: memcpy(&(dest), (source), 8); break;		\
		default: __buggy_use_of_CTCHECK_GET();			\
		}							\
	} while (0)

struct ctcheck_cfg {
	int id;
};

struct ctcheck_other {
	int id;
};

typedef u16 ctcheck_port_t;

struct ctcheck_caps {
	u32 flags;
	ctcheck_port_t port;
	u64 clocks[2];
	unsigned long ticks;
	u8 serial[3];
};

extern const struct ctcheck_cfg ctcheck_cfg_a;
extern const struct ctcheck_other ctcheck_other_b;

/* a table entry takes a struct ctcheck_cfg: anything else references ctcheck_invalid_type */
#define CTCHECK_CFG(cfg)						\
	__builtin_choose_expr(__builtin_types_compatible_p(typeof(cfg),	\
							   struct ctcheck_cfg), \
			      (unsigned long)&(cfg), ctcheck_invalid_type)
#endif
