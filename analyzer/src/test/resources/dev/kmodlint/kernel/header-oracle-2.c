// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/usb.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/skbuff.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/completion.h>
#include <linux/idr.h>
#include <linux/gpio/consumer.h>
#include <linux/of.h>
#include <linux/regmap.h>
#include <linux/sysfs.h>
#include <linux/firmware.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/bitmap.h>
#include <linux/rbtree.h>
#include <linux/atomic.h>
#include <linux/ktime.h>
#include <linux/hrtimer.h>
#include <linux/sched/signal.h>
#include <linux/poll.h>
#include <linux/input.h>

static DEFINE_IDA(ida);
static DECLARE_COMPLETION(done);
static struct cdev cdev;
static const struct file_operations fops = { .owner = THIS_MODULE };

static int show(struct seq_file *m, void *v) { seq_printf(m, "%d\n", 1); seq_puts(m, "x"); return 0; }

noinline int apis2_use(struct pci_dev *pdev, struct usb_interface *intf, struct net_device *nd,
		       struct device *dev, struct input_dev *in, const char *s, size_t n)
{
	struct sk_buff *skb;
	struct usb_device *udev = interface_to_usbdev(intf);
	struct gpio_desc *g;
	const struct firmware *fw;
	u32 val = 0;
	dev_t devt;
	char *v, *d;
	int id;
	ktime_t t;
	void __iomem *bar;

	if (pci_enable_device(pdev))
		return -ENODEV;
	pci_set_master(pdev);
	bar = pci_iomap(pdev, 0, 0);
	pci_iounmap(pdev, bar);
	pci_disable_device(pdev);
	usb_get_dev(udev);
	usb_put_dev(udev);
	skb = netdev_alloc_skb(nd, 64);
	if (skb) {
		skb_put(skb, 10);
		skb->protocol = eth_type_trans(skb, nd);
		netif_rx(skb);
	}
	netif_stop_queue(nd);
	netif_wake_queue(nd);
	eth_hw_addr_random(nd);
	if (alloc_chrdev_region(&devt, 0, 1, "apis2") == 0) {
		cdev_init(&cdev, &fops);
		cdev_add(&cdev, devt, 1);
		cdev_del(&cdev);
		unregister_chrdev_region(devt, 1);
	}
	proc_create_single("apis2", 0444, NULL, show);
	id = ida_alloc(&ida, GFP_KERNEL);
	ida_free(&ida, id);
	reinit_completion(&done);
	wait_for_completion_timeout(&done, msecs_to_jiffies(10));
	complete(&done);
	g = devm_gpiod_get(dev, "reset", GPIOD_OUT_LOW);
	if (!IS_ERR(g))
		gpiod_set_value(g, 1);
	of_property_read_u32(dev->of_node, "x", &val);
	if (request_firmware(&fw, "apis2.bin", dev) == 0)
		release_firmware(fw);
	v = vmalloc(n);
	vfree(v);
	d = kstrdup(s, GFP_KERNEL);
	kfree(d);
	t = ktime_get();
	if (signal_pending(current) || ktime_to_ns(t) < 0)
		return -EINTR;
	input_report_key(in, KEY_A, 1);
	input_sync(in);
	sysfs_notify(&dev->kobj, NULL, "x");
	return strlen(s) + (int)val + atomic_read(&nd->carrier_up_count);
}
EXPORT_SYMBOL_GPL(apis2_use);
MODULE_LICENSE("GPL");
