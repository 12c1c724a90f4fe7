// SPDX-License-Identifier: GPL-2.0
/* glue.c — calls the functions of fast.S */
#include <linux/module.h>
#include <linux/linkage.h>

asmlinkage int corpus_asm_zero(void);
asmlinkage int corpus_asm_one(void);
asmlinkage int corpus_asm_commented_out(void);
asmlinkage int corpus_asm_two_const(void);
asmlinkage int corpus_asm_three_const(void);
asmlinkage int corpus_asm_four_const(void);

static int __init asmglue_init(void)
{
	int a = corpus_asm_zero(); /* ok: symbol/unresolved */
	int b = corpus_asm_one(); /* ok: symbol/unresolved */
	int c = corpus_asm_commented_out(); /* expect: symbol/unresolved@10 */
	int d = corpus_asm_two_const() + corpus_asm_three_const(); /* ok: symbol/unresolved */
	int e = corpus_asm_four_const(); /* expect: symbol/unresolved@10 */

	return a + b + c + d + e;
}

static void __exit asmglue_exit(void)
{
}

module_init(asmglue_init);
module_exit(asmglue_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("C glue around assembler functions");
