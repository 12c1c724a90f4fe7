// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/i2c.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/delay.h>
#include <linux/wait.h>
#include <linux/kthread.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/debugfs.h>
#include <linux/miscdevice.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/rcupdate.h>

static DEFINE_MUTEX(lock);
static DEFINE_SPINLOCK(slock);
static DECLARE_WAIT_QUEUE_HEAD(wq);
static struct work_struct work;
static struct timer_list timer;
static struct miscdevice misc;
static int flag;

static void work_fn(struct work_struct *w) { pr_info("work %d\n", flag); }
static void timer_fn(struct timer_list *t) { wake_up(&wq); }
static int thread_fn(void *d) { msleep(10); return 0; }
static irqreturn_t irq_fn(int irq, void *d) { return IRQ_HANDLED; }

noinline int apis_use(struct device *dev, void __user *ubuf, size_t n, int irq, phys_addr_t pa)
{
	unsigned long flags;
	char *buf = kzalloc(n, GFP_KERNEL);
	struct task_struct *t;
	void __iomem *regs;
	dma_addr_t dma;
	void *cpu;
	struct dentry *dir;

	if (!buf)
		return -ENOMEM;
	if (copy_from_user(buf, ubuf, n) || copy_to_user(ubuf, buf, n))
		dev_err(dev, "copy failed\n");
	mutex_lock(&lock);
	spin_lock_irqsave(&slock, flags);
	flag++;
	spin_unlock_irqrestore(&slock, flags);
	mutex_unlock(&lock);
	INIT_WORK(&work, work_fn);
	schedule_work(&work);
	timer_setup(&timer, timer_fn, 0);
	mod_timer(&timer, jiffies + HZ);
	wait_event_interruptible(wq, flag > 1);
	t = kthread_run(thread_fn, NULL, "apis");
	if (!IS_ERR(t))
		kthread_stop(t);
	if (request_irq(irq, irq_fn, 0, "apis", NULL) == 0)
		free_irq(irq, NULL);
	regs = ioremap(pa, 16);
	if (regs) {
		writel(readl(regs) | 1, regs);
		iounmap(regs);
	}
	cpu = dma_alloc_coherent(dev, n, &dma, GFP_KERNEL);
	if (cpu)
		dma_free_coherent(dev, n, cpu, dma);
	dir = debugfs_create_dir("apis", NULL);
	debugfs_remove(dir);
	rcu_read_lock();
	rcu_read_unlock();
	del_timer_sync(&timer);
	misc_register(&misc);
	misc_deregister(&misc);
	kfree(buf);
	return 0;
}
EXPORT_SYMBOL_GPL(apis_use);

static int probe(struct platform_device *pdev) { return 0; }
static struct platform_driver pdrv = { .probe = probe, .driver = { .name = "apis" } };
module_platform_driver(pdrv);

static int i2c_probe(struct i2c_client *c) { return 0; }
static struct i2c_driver idrv = { .probe_new = i2c_probe, .driver = { .name = "apis" } };
noinline int apis_i2c(void) { return i2c_add_driver(&idrv); }
EXPORT_SYMBOL_GPL(apis_i2c);

MODULE_LICENSE("GPL");
