// SPDX-License-Identifier: GPL-2.0
/* fsmacro-trace.c — defines the tracepoint */
#include <linux/module.h>
#define CREATE_TRACE_POINTS
#include "fsmacro_trace.h"
#include "fsmacro.h"

void fsmacro_trace_addr(const u8 *addr)
{
	trace_fsmacro_addr(addr);
}
