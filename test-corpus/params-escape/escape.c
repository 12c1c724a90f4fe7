// SPDX-License-Identifier: GPL-2.0
/*
 * Writable parameters read only by __init code, and those whose address escapes there:
 * whoever holds the pointer may read the variable long after init.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/init.h>
#include <linux/debugfs.h>

static u32 esc_level = 1;
module_param(esc_level, uint, 0644); /* ok: param/write-ineffective */
MODULE_PARM_DESC(esc_level, "log level, also in debugfs");

static int esc_rate = 100;
module_param(esc_rate, int, 0644); /* ok: param/write-ineffective */
MODULE_PARM_DESC(esc_rate, "sample rate, handed to the sampler by address");

static int esc_limit = 8;
module_param(esc_limit, int, 0644); /* ok: param/write-ineffective */
MODULE_PARM_DESC(esc_limit, "queue limit, kept in a pointer");

static int esc_ports[4];
static int esc_nports;
module_param_array(esc_ports, int, &esc_nports, 0644); /* ok: param/write-ineffective */
MODULE_PARM_DESC(esc_ports, "ports, the array handed over whole");

static int esc_retries = 3;
module_param(esc_retries, int, 0644); /* expect: param/write-ineffective@1 "esc_retries" */
MODULE_PARM_DESC(esc_retries, "retries, read once at load");

struct esc_sampler {
	int *rate;
	int *ports;
};

static struct esc_sampler esc_sampler;
static int *esc_limit_ptr;
static struct dentry *esc_dir;

static void esc_sampler_start(struct esc_sampler *s, int *rate, int *ports)
{
	s->rate = rate;
	s->ports = ports;
}

static int __init esc_init(void)
{
	esc_dir = debugfs_create_dir("escape", NULL);
	debugfs_create_u32("level", 0644, esc_dir, &esc_level);
	esc_sampler_start(&esc_sampler, &esc_rate, esc_ports);
	esc_limit_ptr = &esc_limit;
	pr_info("escape: %d retries, %d ports\n", esc_retries, esc_nports);
	return 0;
}
module_init(esc_init);

static void __exit esc_exit(void)
{
	debugfs_remove(esc_dir);
}
module_exit(esc_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("parameters whose address escapes");
