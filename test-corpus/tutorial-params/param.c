/* expect: license/spdx-missing@1 */
/* The parameter example of the tutorial, verbatim: it has no MODULE_LICENSE. */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>

static int   irq_num   = 17;
static bool  verbose   = false;
static char *dev_name  = "mydev0";
static int   counts[4];
static int   ncounts;

module_param(irq_num,  int,   0644); /* expect: param/write-ineffective@1 */
MODULE_PARM_DESC(irq_num, "Hardware IRQ number (default 17)");

module_param(verbose,  bool,  0444); /* ok: param/missing-description, param/write-ineffective */
MODULE_PARM_DESC(verbose, "Enable verbose logging (default false)");

module_param(dev_name, charp, 0444);
MODULE_PARM_DESC(dev_name, "Device name string (default mydev0)");

module_param_array(counts, int, &ncounts, 0644); /* expect: param/write-ineffective@1 */
MODULE_PARM_DESC(counts, "Array of up to 4 count values");

static int __init param_init(void)
{
    int i;
    pr_info("irq_num=%d verbose=%d dev_name=%s\n",
            irq_num, verbose, dev_name);
    for (i = 0; i < ncounts; i++)
        pr_info("  counts[%d] = %d\n", i, counts[i]);
    return 0;
}
module_init(param_init); /* expect: license/missing@1, metadata/description-missing@1, init/no-exit@1 */
