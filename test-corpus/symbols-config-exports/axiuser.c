// SPDX-License-Identifier: GPL-2.0
/* axiuser.c — uses an export of a driver the target configuration does not build */
#include <linux/module.h>
#include <linux/iio/adc/adi-axi-adc.h>

void axiuser_nobody_exports_this(void);

static int __init axiuser_init(void)
{
	void *priv = adi_axi_adc_conv_priv(NULL); /* expect: symbol/unresolved@15 "CONFIG_ADI_AXI_ADC" */

	axiuser_nobody_exports_this(); /* expect: symbol/unresolved@2 */
	return priv ? 0 : -ENODEV;
}

static void __exit axiuser_exit(void)
{
}

module_init(axiuser_init);
module_exit(axiuser_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("uses an export of an unconfigured driver");
