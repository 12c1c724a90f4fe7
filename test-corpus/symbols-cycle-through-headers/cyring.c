// SPDX-License-Identifier: GPL-2.0
/* cyring.c — asks for a ring feature, which never calls virtio_check_driver_offered_feature() */
#include <linux/module.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>

void cyring_break(struct virtio_device *vdev)
{
	if (virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX))
		pr_info("cyring: event index\n");
}
EXPORT_SYMBOL_GPL(cyring_break);

MODULE_LICENSE("GPL"); /* expect: symbol/dependency-cycle@1 "may reach" */
MODULE_DESCRIPTION("uses a ring feature");
