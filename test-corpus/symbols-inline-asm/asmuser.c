// SPDX-License-Identifier: GPL-2.0
/* asmuser.c — uses what asmdefs.c's assembler text defines */
#include <linux/module.h>

extern const unsigned int corpus_word_blue;
extern const unsigned int corpus_word_private;
void corpus_asm_entry(void);
unsigned int corpus_asm_sum(void);

static int __init inlasm_init(void)
{
	pr_info("inlasm: %u\n", corpus_word_blue); /* ok: symbol/unresolved */
	pr_info("inlasm: %u\n", corpus_word_private); /* expect: symbol/unresolved@26 */
	pr_info("inlasm: %ps %u\n", corpus_asm_entry, corpus_asm_sum()); /* ok: symbol/unresolved */
	return 0;
}

static void __exit inlasm_exit(void)
{
}

module_init(inlasm_init);
module_exit(inlasm_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Symbols defined by assembler text in C files");
