/*
 * kmodlint's stand-in for the kernel headers it does not read. Every macro a module uses to
 * talk to the module loader expands to a declaration whose name starts with __kmodlint_, so
 * the C front-end finds each use in the AST with the exact position of the macro call.
 * Processed like `gcc -imacros`: only its macros count.
 */
/* kbuild passes these on the command line: a build's own -D (KBUILD_MODNAME) wins */
#ifndef __KERNEL__
#define __KERNEL__ 1
#endif
#ifndef MODULE
#define MODULE 1
#endif
#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME "kmodlint"
#endif

/* gcc's (10 and later): #ifdef __has_include holds; each __has_include(<x.h>) of an #if is
   decided by the front-end before this preprocessor reads the line (HasInclude) */
#define __has_include __has_include
#define __has_include_next __has_include_next

/* macros that take a type as an argument: without them a definition such as
   `const struct rhashtable_params p = { .head_offset = offsetof(struct x, node) };` does not
   parse, and the object it defines is lost (include/linux/stddef.h, include/linux/container_of.h) */
#define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
#define container_of(ptr, type, member) ((type *)(void *)((char *)(ptr) - __builtin_offsetof(type, member)))
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))

/* sections: kept as attributes so declarations carry them */
#define __section(s) __attribute__((__section__(s)))
#define __init __section(".init.text")
#define __exit __section(".exit.text")
#define __initdata __section(".init.data")
#define __initconst __section(".init.rodata")
#define __exitdata __section(".exit.data")
#define __ref __section(".ref.text")
#define __refdata __section(".ref.data")
#define __refconst __section(".ref.rodata")
#define __read_mostly __section(".data..read_mostly")
#define __ro_after_init __section(".data..ro_after_init")
#define __devinit
#define __devexit
#define __devinitdata
#define __devexit_p(x) x
#define __exit_p(x) x
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __used __attribute__((__used__))
#define __user
#define __iomem
#define __force
#define __rcu
#define __percpu
#define __must_check
#define __cold
#define __packed __attribute__((__packed__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __printf(a, b)
#define __always_inline inline
#define noinline
#define notrace
#define asmlinkage
#define __visible
#define __weak __attribute__((__weak__))
#define __noreturn __attribute__((__noreturn__))
#define __pure
#define __malloc
#define __nocfi
#define __noinitretpoline
#define __latent_entropy
#define __flatten
#define __naked
#define __sched
#define __kprobes
#define __irq_entry
#define __bitwise
#define __attribute_const__
#define __deprecated
#define __acquires(x)
#define __releases(x)
#define __must_hold(x)
#define __cacheline_aligned
#define __cacheline_aligned_in_smp
#define ____cacheline_aligned
#define ____cacheline_aligned_in_smp
#define __page_aligned_bss
#define __page_aligned_data
#define __init_or_module
#define __initdata_or_module
#define __meminit
#define __meminitdata
#define __meminitconst
#define __memexit
#define __no_sanitize_address
#define __noclone
#define __nostackprotector
#define __no_stack_protector

/* include/linux/stringify.h: MODULE_VERSION("" __stringify(MAJOR) "." __stringify(MINOR)) */
#define __stringify_1(x...) #x
#define __stringify(x...) __stringify_1(x)

/* .modinfo */
#define MODULE_INFO(tag, info) static const char __kmodlint_modinfo__##tag[] __attribute__((__unused__)) = info;
#define MODULE_LICENSE(_license) MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author) MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_VERSION(_version) MODULE_INFO(version, _version)
#define MODULE_ALIAS(_alias) MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_softdep) MODULE_INFO(softdep, _softdep)
#define MODULE_FIRMWARE(_firmware) MODULE_INFO(firmware, _firmware)
#define MODULE_ALIAS_FS(_fs) MODULE_INFO(alias, "fs-" _fs)
#define MODULE_ALIAS_CRYPTO(_name) MODULE_INFO(alias, _name)
/* 6.1 takes a bare token (MODULE_IMPORT_NS(FOO)), 6.13+ a string (MODULE_IMPORT_NS("FOO")) */
#define MODULE_IMPORT_NS(_ns) MODULE_INFO(import_ns, #_ns)
#define MODULE_PARM_DESC(_parm, desc) static const char __kmodlint_parmdesc__##_parm[] __attribute__((__unused__)) = desc;
#define MODULE_DEVICE_TABLE(type, name) static const void *__kmodlint_device_table__##type __attribute__((__unused__)) = &(name);

/* entry points; in a module every initcall level becomes module_init (include/linux/module.h), but
   initcalls mostly sit in code that is only ever built in, so they are told apart */
#define module_init(initfn) static int (*__kmodlint_init)(void) __attribute__((__unused__)) = initfn;
#define module_exit(exitfn) static void (*__kmodlint_exit)(void) __attribute__((__unused__)) = exitfn;
#define __KMODLINT_INITCALL(fn) static int (*__kmodlint_initcall)(void) __attribute__((__unused__)) = fn;
#define early_initcall(fn) __KMODLINT_INITCALL(fn)
#define pure_initcall(fn) __KMODLINT_INITCALL(fn)
#define core_initcall(fn) __KMODLINT_INITCALL(fn)
#define core_initcall_sync(fn) __KMODLINT_INITCALL(fn)
#define postcore_initcall(fn) __KMODLINT_INITCALL(fn)
#define postcore_initcall_sync(fn) __KMODLINT_INITCALL(fn)
#define arch_initcall(fn) __KMODLINT_INITCALL(fn)
#define arch_initcall_sync(fn) __KMODLINT_INITCALL(fn)
#define subsys_initcall(fn) __KMODLINT_INITCALL(fn)
#define subsys_initcall_sync(fn) __KMODLINT_INITCALL(fn)
#define fs_initcall(fn) __KMODLINT_INITCALL(fn)
#define fs_initcall_sync(fn) __KMODLINT_INITCALL(fn)
#define rootfs_initcall(fn) __KMODLINT_INITCALL(fn)
#define device_initcall(fn) __KMODLINT_INITCALL(fn)
#define device_initcall_sync(fn) __KMODLINT_INITCALL(fn)
#define late_initcall(fn) __KMODLINT_INITCALL(fn)
#define late_initcall_sync(fn) __KMODLINT_INITCALL(fn)
#define console_initcall(fn) __KMODLINT_INITCALL(fn)
#define __initcall(fn) __KMODLINT_INITCALL(fn)
#define __exitcall(fn) module_exit(fn)

/* helpers that supply both module_init and module_exit */
#define __KMODLINT_DRIVER(helper, drv) static const void *__kmodlint_driver__##helper __attribute__((__unused__)) = &(drv);
#define module_driver(__driver, __register, __unregister, ...) __KMODLINT_DRIVER(module_driver, __driver)
#define module_platform_driver(d) __KMODLINT_DRIVER(module_platform_driver, d)
#define module_platform_driver_probe(d, probe) __KMODLINT_DRIVER(module_platform_driver_probe, d)
#define module_pci_driver(d) __KMODLINT_DRIVER(module_pci_driver, d)
#define module_usb_driver(d) __KMODLINT_DRIVER(module_usb_driver, d)
#define module_usb_serial_driver(d, ids) __KMODLINT_DRIVER(module_usb_serial_driver, d)
#define module_usb_composite_driver(d) __KMODLINT_DRIVER(module_usb_composite_driver, d)
#define module_i2c_driver(d) __KMODLINT_DRIVER(module_i2c_driver, d)
#define module_i3c_driver(d) __KMODLINT_DRIVER(module_i3c_driver, d)
#define module_i3c_i2c_driver(d, ...) __KMODLINT_DRIVER(module_i3c_i2c_driver, d)
#define module_spi_driver(d) __KMODLINT_DRIVER(module_spi_driver, d)
#define module_spmi_driver(d) __KMODLINT_DRIVER(module_spmi_driver, d)
#define module_hid_driver(d) __KMODLINT_DRIVER(module_hid_driver, d)
#define module_virtio_driver(d) __KMODLINT_DRIVER(module_virtio_driver, d)
#define module_auxiliary_driver(d) __KMODLINT_DRIVER(module_auxiliary_driver, d)
#define module_mdio_driver(d) __KMODLINT_DRIVER(module_mdio_driver, d)
#define module_phy_driver(d) __KMODLINT_DRIVER(module_phy_driver, d)
#define module_serdev_device_driver(d) __KMODLINT_DRIVER(module_serdev_device_driver, d)
#define module_amba_driver(d) __KMODLINT_DRIVER(module_amba_driver, d)
#define module_sdio_driver(d) __KMODLINT_DRIVER(module_sdio_driver, d)
#define module_pcmcia_driver(d) __KMODLINT_DRIVER(module_pcmcia_driver, d)
#define module_acpi_driver(d) __KMODLINT_DRIVER(module_acpi_driver, d)
#define module_misc_device(d) __KMODLINT_DRIVER(module_misc_device, d)
#define module_mei_cl_driver(d) __KMODLINT_DRIVER(module_mei_cl_driver, d)
#define module_serio_driver(d) __KMODLINT_DRIVER(module_serio_driver, d)
#define module_gameport_driver(d) __KMODLINT_DRIVER(module_gameport_driver, d)
#define module_hdac_driver(d) __KMODLINT_DRIVER(module_hdac_driver, d)
#define module_snd_seq_driver(d) __KMODLINT_DRIVER(module_snd_seq_driver, d)
#define module_w1_family(d) __KMODLINT_DRIVER(module_w1_family, d)
#define module_comedi_driver(d) __KMODLINT_DRIVER(module_comedi_driver, d)
#define module_comedi_pci_driver(d, p) __KMODLINT_DRIVER(module_comedi_pci_driver, d)
#define module_comedi_usb_driver(d, u) __KMODLINT_DRIVER(module_comedi_usb_driver, d)
#define module_comedi_pcmcia_driver(d, p) __KMODLINT_DRIVER(module_comedi_pcmcia_driver, d)
#define module_ccw_driver(d) __KMODLINT_DRIVER(module_ccw_driver, d)
#define module_mcb_driver(d) __KMODLINT_DRIVER(module_mcb_driver, d)
#define module_ulpi_driver(d) __KMODLINT_DRIVER(module_ulpi_driver, d)
#define module_fsl_mc_driver(d) __KMODLINT_DRIVER(module_fsl_mc_driver, d)
#define module_tee_client_driver(d) __KMODLINT_DRIVER(module_tee_client_driver, d)
#define module_vdpa_driver(d) __KMODLINT_DRIVER(module_vdpa_driver, d)
#define module_rpmsg_driver(d) __KMODLINT_DRIVER(module_rpmsg_driver, d)
#define module_sdw_driver(d) __KMODLINT_DRIVER(module_sdw_driver, d)
#define module_scmi_driver(d) __KMODLINT_DRIVER(module_scmi_driver, d)
#define module_ishtp_driver(d) __KMODLINT_DRIVER(module_ishtp_driver, d)
#define module_ipack_driver(d) __KMODLINT_DRIVER(module_ipack_driver, d)
#define module_parport_driver(d) __KMODLINT_DRIVER(module_parport_driver, d)
#define module_zorro_driver(d) __KMODLINT_DRIVER(module_zorro_driver, d)
#define module_nvmem_driver(d) __KMODLINT_DRIVER(module_nvmem_driver, d)
#define module_dfl_driver(d) __KMODLINT_DRIVER(module_dfl_driver, d)
#define module_wmi_driver(d) __KMODLINT_DRIVER(module_wmi_driver, d)
#define module_hv_driver(d) __KMODLINT_DRIVER(module_hv_driver, d)
#define module_cpufreq_driver(d) __KMODLINT_DRIVER(module_cpufreq_driver, d)

/* exports; the kind and namespace live in the declaration's name and initializer. The symbol goes
   through one more macro, as include/linux/export.h passes it on: a macro argument is expanded
   there (#define TAPE_DBF_AREA tape_34xx_dbf ... EXPORT_SYMBOL(TAPE_DBF_AREA) exports tape_34xx_dbf),
   the namespace is stringified as written */
#define __KMODLINT_EXPORT(sym, kind, value) static const char __kmodlint_export__##kind##__##sym[] __attribute__((__unused__)) = value;
#define EXPORT_SYMBOL(sym) __KMODLINT_EXPORT(sym, plain, "")
#define EXPORT_SYMBOL_GPL(sym) __KMODLINT_EXPORT(sym, gpl, "")
#define EXPORT_SYMBOL_NS(sym, ns) __KMODLINT_EXPORT(sym, plainns, #ns)
#define EXPORT_SYMBOL_NS_GPL(sym, ns) __KMODLINT_EXPORT(sym, gplns, #ns)
#define EXPORT_SYMBOL_GPL_FUTURE(sym) EXPORT_SYMBOL_GPL(sym)
#define EXPORT_UNUSED_SYMBOL(sym) EXPORT_SYMBOL(sym)
#define EXPORT_UNUSED_SYMBOL_GPL(sym) EXPORT_SYMBOL_GPL(sym)
/* the form other kernel macros export through (EXPORT_GPL_SIMPLE_DEV_PM_OPS): the licence is a
   string, "" or "_gpl" (6.1) or "GPL" (6.12), and so is the namespace */
#define __EXPORT_SYMBOL(sym, license, ns) __KMODLINT_EXPORT(sym, string, license "|" ns)
#define _EXPORT_SYMBOL(sym, license) __EXPORT_SYMBOL(sym, license, "")

/* parameters: name, type and permission kept as written */
#define __KMODLINT_PARAM(form, name, var, type, perm) static const void *__kmodlint_param__##form##__##name[] __attribute__((__unused__)) = { &(var), #type, (void *)(perm) };
#define module_param(name, type, perm) __KMODLINT_PARAM(module_param, name, name, type, perm)
#define module_param_named(name, value, type, perm) __KMODLINT_PARAM(module_param_named, name, value, type, perm)
#define module_param_unsafe(name, type, perm) __KMODLINT_PARAM(module_param_unsafe, name, name, type, perm)
#define module_param_named_unsafe(name, value, type, perm) __KMODLINT_PARAM(module_param_named_unsafe, name, value, type, perm)
#define module_param_array(name, type, nump, perm) __KMODLINT_PARAM(module_param_array, name, name, type, perm)
#define module_param_array_named(name, array, type, nump, perm) __KMODLINT_PARAM(module_param_array_named, name, array, type, perm)
#define module_param_string(name, string, len, perm) __KMODLINT_PARAM(module_param_string, name, string, charp, perm)
#define module_param_cb(name, ops, arg, perm) __KMODLINT_PARAM(module_param_cb, name, arg, ops, perm)
#define module_param_cb_unsafe(name, ops, arg, perm) __KMODLINT_PARAM(module_param_cb_unsafe, name, arg, ops, perm)
#define module_param_hw(name, type, hwtype, perm) __KMODLINT_PARAM(module_param_hw, name, name, type, perm)
#define module_param_hw_named(name, value, type, hwtype, perm) __KMODLINT_PARAM(module_param_hw_named, name, value, type, perm)
#define module_param_hw_array(name, type, hwtype, nump, perm) __KMODLINT_PARAM(module_param_hw_array, name, name, type, perm)
#define core_param(name, var, type, perm) __KMODLINT_PARAM(core_param, name, var, type, perm)
