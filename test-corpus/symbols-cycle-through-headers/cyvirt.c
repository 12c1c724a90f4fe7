// SPDX-License-Identifier: GPL-2.0
/* cyvirt.c — exports what virtio_has_feature() may call, uses cyring */
#include <linux/module.h>
#include <linux/virtio.h>

void cyring_break(struct virtio_device *vdev);

void virtio_check_driver_offered_feature(const struct virtio_device *vdev, unsigned int fbit)
{
}
EXPORT_SYMBOL_GPL(virtio_check_driver_offered_feature); /* expect: symbol/exported-twice@1 "kernel module virtio" */

void cyvirt_reset(struct virtio_device *vdev)
{
	cyring_break(vdev);
}
EXPORT_SYMBOL_GPL(cyvirt_reset);

MODULE_LICENSE("GPL"); /* ok: symbol/dependency-cycle */
MODULE_DESCRIPTION("uses cyring");
