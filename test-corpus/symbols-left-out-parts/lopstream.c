// SPDX-License-Identifier: GPL-2.0
/* lopstream.c — built only with DVB_MMAP */
#include <media/dvb_vb2.h>

int lopstream_stop(struct dvb_vb2_ctx *ctx);

int lopstream_stop(struct dvb_vb2_ctx *ctx)
{
	return dvb_vb2_stream_off(ctx);
}
