// SPDX-License-Identifier: GPL-2.0
/* disable_work_sync() came with 6.10: 6.1 has no such function */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/workqueue.h>

static void kml_work_fn(struct work_struct *work)
{
}

static DECLARE_WORK(kml_work, kml_work_fn);

static int __init kml_workqueue_init(void)
{
	schedule_work(&kml_work);
	return 0;
}

static void __exit kml_workqueue_exit(void)
{
	disable_work_sync(&kml_work); /* expect: symbol/unresolved@2 "on 6.1 only: disable_work_sync() is declared nowhere" */
}

module_init(kml_workqueue_init);
module_exit(kml_workqueue_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("uses disable_work_sync");
