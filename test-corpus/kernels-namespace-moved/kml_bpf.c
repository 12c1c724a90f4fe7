// SPDX-License-Identifier: GPL-2.0
/* bpf_map_get() is a plain export in 6.1, in namespace BPF_INTERNAL in 6.12 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/bpf.h>
#include <linux/err.h>

static int __init kml_bpf_init(void)
{
	struct bpf_map *map = bpf_map_get(0); /* expect: symbol/namespace-not-imported@24 "on 6.12 only" */

	return PTR_ERR_OR_ZERO(map);
}

static void __exit kml_bpf_exit(void)
{
}

module_init(kml_bpf_init);
module_exit(kml_bpf_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("uses bpf_map_get");
