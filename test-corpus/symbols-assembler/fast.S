/* SPDX-License-Identifier: GPL-2.0 */
/* fast.S — two functions for glue.c, one of them exported */
#include <linux/linkage.h>
#include <asm/export.h>

/* a macro that uses SYM_FUNC_START defines nothing until it is used */
#define CORPUS_STUB(name) SYM_FUNC_START(name) RET; SYM_FUNC_END(name)

SYM_FUNC_START(corpus_asm_zero)
	xorl %eax, %eax
	RET
SYM_FUNC_END(corpus_asm_zero)

SYM_FUNC_START(corpus_asm_one)
	movl $1, %eax
	RET
SYM_FUNC_END(corpus_asm_one)
EXPORT_SYMBOL_GPL(corpus_asm_one)

// SYM_FUNC_START(corpus_asm_commented_out)

/* an assembler macro defines the globals its body names for each use, as gas expands it */
.macro CORPUS_ASM_CONST name, value
SYM_FUNC_START(\name\()_const)
	movl $\value, %eax
	RET
SYM_FUNC_END(\name\()_const)
.endm

CORPUS_ASM_CONST corpus_asm_two, 2
CORPUS_ASM_CONST corpus_asm_three, 3
