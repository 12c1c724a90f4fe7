/* SPDX-License-Identifier: GPL-2.0 */
#ifndef UCBLOCK_H
#define UCBLOCK_H
struct ucblock_funcs {
	int (*get)(int reg);
};
extern const struct ucblock_funcs ucblock_funcs;
/* defined by no module and exported by no kernel */
int ucblock_missing(int reg);
#endif
