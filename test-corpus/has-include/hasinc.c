// SPDX-License-Identifier: GPL-2.0
/* hasinc.c — which branch of each __has_include the build compiles */
#include <linux/module.h>
#include <linux/err.h>

#if __has_include(<linux/dma-buf.h>)
#include <linux/dma-buf.h>
MODULE_IMPORT_NS(DMA_BUF);
#define HASINC_DMA_BUF 1
#endif

#if __has_include(<linux/kmodlint-no-such-header.h>)
#include <linux/kmodlint-no-such-header.h>
static int hasinc_reset(void) { return hasinc_absent_reset(); } /* ok: symbol/unresolved */
#else
int hasinc_fallback_reset(void);
static int hasinc_reset(void) { return hasinc_fallback_reset(); } /* expect: symbol/unresolved@40 */
#endif

#if defined(__has_include) && __has_include("hasinc_local.h") && __has_include(<hasinc/config.h>)
#include "hasinc_local.h"
#include <hasinc/config.h>
#else
static int hasinc_local_value(void) { return hasinc_not_local(); } /* ok: symbol/unresolved */
#define HASINC_CONFIG_SLOTS 1
#endif

#if __has_include("hasinc_missing.h")
#include "hasinc_missing.h"
#else
#define HASINC_MISSING 1
#endif

static int __init hasinc_init(void)
{
#ifdef HASINC_DMA_BUF
	struct dma_buf *buf = dma_buf_get(-1); /* ok: symbol/namespace-not-imported */

	if (!IS_ERR(buf))
		dma_buf_put(buf);
#else
	hasinc_no_dma_buf(); /* ok: symbol/unresolved */
#endif
	return hasinc_reset() + hasinc_local_value() + HASINC_CONFIG_SLOTS + HASINC_MISSING;
}

static void __exit hasinc_exit(void)
{
}

module_init(hasinc_init);
module_exit(hasinc_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("__has_include as the build decides it");
