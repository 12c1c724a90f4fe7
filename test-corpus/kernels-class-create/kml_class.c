// SPDX-License-Identifier: GPL-2.0
/* class_create() took (owner, name) up to 6.3 and takes (name) since 6.4 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/device/class.h>
#include <linux/err.h>

static struct class *kml_class;

static int __init kml_class_init(void)
{
	kml_class = class_create(THIS_MODULE, "kml_class"); /* expect: symbol/wrong-argument-count@14 "on 6.12 only" */
	return PTR_ERR_OR_ZERO(kml_class);
}

static void __exit kml_class_exit(void)
{
	class_destroy(kml_class);
}

module_init(kml_class_init);
module_exit(kml_class_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("creates a device class");
