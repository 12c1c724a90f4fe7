// SPDX-License-Identifier: GPL-2.0
/* asmdefs.c — symbols written for the assembler in asm() statements */
#include <linux/module.h>
#include <linux/stringify.h>

#define CORPUS_WORD_ALIGN 8

/* declares a word for C and writes its definition for the assembler, named after the argument */
#define CORPUS_ASM_WORD(name, value)				\
	extern const unsigned int corpus_word_##name;		\
	asm(".pushsection .rodata\n\t"				\
	    ".balign " __stringify(CORPUS_WORD_ALIGN) "\n\t"	\
	    ".globl corpus_word_" #name "\n"			\
	    "corpus_word_" #name ":\n\t"			\
	    ".long " #value "\n\t"				\
	    ".popsection")

CORPUS_ASM_WORD(red, 1);
CORPUS_ASM_WORD(blue, 2);

/* a label without .globl: this object's references reach it, asmuser.o's do not */
extern const unsigned int corpus_word_private;
asm(".pushsection .rodata\n"
    "corpus_word_private: .long 3\n"
    ".popsection");

#if 0
asm(".pushsection .rodata\n.globl corpus_word_dead\ncorpus_word_dead: .long 4\n.popsection");
#endif
extern const unsigned int corpus_word_dead;

/* asm in a function body: a global entry point, and calls out of the assembler text */
void corpus_asm_entry(void);
unsigned int corpus_asm_sum(void);

void corpus_asm_holder(void)
{
	asm volatile(".globl corpus_asm_entry\n"
		     "corpus_asm_entry:\n\t"
		     "nop; call corpus_asm_sum\n\t" /* ok: symbol/unresolved */
		     "call kfree\n\t" /* ok: symbol/unresolved */
		     "call corpus_asm_nowhere\n\t" /* expect: symbol/unresolved@14 "asm()" */
		     "jmp corpus_asm_entry\n"); /* ok: symbol/unresolved */
}

unsigned int corpus_asm_sum(void)
{
	unsigned int sum = corpus_word_red; /* ok: symbol/unresolved */

	sum += corpus_word_private; /* ok: symbol/unresolved */
	sum += corpus_word_dead; /* expect: symbol/unresolved@9 */
	return sum;
}
