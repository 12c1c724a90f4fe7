// SPDX-License-Identifier: LicenseRef-kmodlint-proprietary
/* the qmi_* helpers are EXPORT_SYMBOL in 6.1 and EXPORT_SYMBOL_GPL in 6.12: a proprietary module links on 6.1 only */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/soc/qcom/qmi.h>

static struct qmi_handle qmi;

static int __init kml_qmi_init(void)
{
	return 0;
}

static void __exit kml_qmi_exit(void)
{
	qmi_handle_release(&qmi); /* expect: symbol/gpl-only@2 "on 6.12 only" */
}

module_init(kml_qmi_init);
module_exit(kml_qmi_exit);
MODULE_LICENSE("Proprietary");
MODULE_DESCRIPTION("uses the QMI helpers");
