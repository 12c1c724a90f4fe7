// SPDX-License-Identifier: GPL-2.0
/* net_x.c — one parameter of every standard type, for checking modprobe.d values */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/threads.h>

static unsigned char b;
module_param(b, byte, 0444);
MODULE_PARM_DESC(b, "byte");
static short s;
module_param(s, short, 0444);
MODULE_PARM_DESC(s, "short");
static unsigned short us;
module_param(us, ushort, 0444);
MODULE_PARM_DESC(us, "ushort");
static int i;
module_param(i, int, 0444);
MODULE_PARM_DESC(i, "int");
static unsigned int ui;
module_param(ui, uint, 0444);
MODULE_PARM_DESC(ui, "uint");
static long l;
module_param(l, long, 0444);
MODULE_PARM_DESC(l, "long");
static unsigned long ul;
module_param(ul, ulong, 0444);
MODULE_PARM_DESC(ul, "ulong");
static unsigned long long ull;
module_param(ull, ullong, 0444);
MODULE_PARM_DESC(ull, "ullong");
static unsigned int hx;
module_param(hx, hexint, 0444);
MODULE_PARM_DESC(hx, "hexint");
static char *name = "eth";
module_param(name, charp, 0444);
MODULE_PARM_DESC(name, "charp");
static bool flag;
module_param(flag, bool, 0444);
MODULE_PARM_DESC(flag, "bool");
static bool noflag;
module_param(noflag, invbool, 0444);
MODULE_PARM_DESC(noflag, "invbool");
static int bi;
module_param(bi, bint, 0444);
MODULE_PARM_DESC(bi, "bint");
static int max_retries = 3;
module_param(max_retries, int, 0444);
MODULE_PARM_DESC(max_retries, "retries before giving up");
static char label[8] = "x";
module_param_string(label, label, sizeof(label), 0444);
MODULE_PARM_DESC(label, "up to 7 characters");
static int ports[4];
static int nports;
module_param_array(ports, int, &nports, 0444);
MODULE_PARM_DESC(ports, "up to four ports");
static int per_cpu_weight[NR_CPUS];
module_param_array(per_cpu_weight, int, NULL, 0444);
MODULE_PARM_DESC(per_cpu_weight, "weight of each CPU");

static int mode_set(const char *val, const struct kernel_param *kp)
{
	return param_set_int(val, kp);
}

static const struct kernel_param_ops mode_ops = {
	.set = mode_set,
	.get = param_get_int,
};
static int mode;
module_param_cb(mode, &mode_ops, &mode, 0444);
MODULE_PARM_DESC(mode, "operating mode");

static int __init net_x_init(void)
{
	pr_info("net_x: %s %d %d %s\n", name, max_retries, ports[0], label);
	return 0;
}

static void __exit net_x_exit(void)
{
}

module_init(net_x_init);
module_exit(net_x_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Parameters of every type");
