// SPDX-License-Identifier: GPL-2.0
/* lopmain.c — calls what the optional part defines, behind the headers' stub */
#include <linux/module.h>
#include <media/dvb_vb2.h>

int lopstream_stop(struct dvb_vb2_ctx *ctx);

static struct dvb_vb2_ctx lopmain_ctx;

static int __init lopmain_init(void)
{
	if (dvb_vb2_is_streaming(&lopmain_ctx))
		return lopstream_stop(&lopmain_ctx); /* expect: symbol/unresolved@10 "leaves out (lopstream.o" */
	return 0;
}

static void __exit lopmain_exit(void)
{
}

module_init(lopmain_init);
module_exit(lopmain_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("an optional part behind a header stub");
