/* SPDX-License-Identifier: GPL-2.0 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM fsmacro

#if !defined(_FSMACRO_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _FSMACRO_TRACE_H
#include <linux/tracepoint.h>
#include <linux/etherdevice.h>

TRACE_EVENT(fsmacro_addr,
	TP_PROTO(const u8 *addr),
	TP_ARGS(addr),
	TP_STRUCT__entry(__dynamic_array(u8, mac, ETH_ALEN)),
	TP_fast_assign(ether_addr_copy(__get_dynamic_array(mac), addr);),
	TP_printk("%pM", __get_dynamic_array(mac))
);
#endif

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE fsmacro_trace
#include <trace/define_trace.h>
