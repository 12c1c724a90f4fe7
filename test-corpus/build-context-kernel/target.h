/* SPDX-License-Identifier: GPL-2.0 */
#ifndef TARGET_H
#define TARGET_H
/* defined by no module and exported by no kernel */
void corpus_only_with_printk(void);
void corpus_old_setup_timer(struct timer_list *t, void (*fn)(struct timer_list *), unsigned int flags);
void corpus_never_built(void);
void corpus_before_6_1(void);
#endif
