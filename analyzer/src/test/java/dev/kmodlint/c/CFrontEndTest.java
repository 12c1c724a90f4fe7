package dev.kmodlint.c;

import static org.junit.jupiter.api.Assertions.*;

import dev.kmodlint.model.AssemblerName;
import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CReference;
import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.CompileFlags;
import dev.kmodlint.model.EntryPoint;
import dev.kmodlint.model.ExternalUse;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.Section;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.TargetKernel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CFrontEndTest {
  @TempDir Path dir;

  private SourceFile parse(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return new CFrontEnd(dir).parse(f, SourceFile.Kind.C).file();
  }

  @Test
  void helloWorldMetadataAndEntryPointsWithExactPositions() throws Exception {
    SourceFile f = parse("hello.c", """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/module.h>
        #include <linux/init.h>

        MODULE_LICENSE("GPL");
        MODULE_AUTHOR("Your Name <you@example.com>");
          MODULE_DESCRIPTION("Hello" " World");
        MODULE_VERSION("1.0");

        static int __init hello_init(void)
        {
            pr_info("hello: module loaded\\n");
            return 0;
        }

        static void __exit hello_exit(void) { }

        module_init(hello_init);
        module_exit(hello_exit);
        """);
    List<ModInfo> lic = f.modInfo("license");
    assertEquals(1, lic.size());
    assertEquals("GPL", lic.get(0).value());
    assertEquals(5, lic.get(0).position().line());
    assertEquals(1, lic.get(0).position().column());
    assertEquals(22, lic.get(0).position().endColumn(), "end of MODULE_LICENSE(\"GPL\") exclusive");
    ModInfo desc = f.modInfo("description").get(0);
    assertEquals("Hello World", desc.value());
    assertEquals(7, desc.position().line());
    assertEquals(3, desc.position().column());
    assertEquals("1.0", f.modInfo("version").get(0).value());
    List<EntryPoint> e = f.entryPoints();
    assertEquals(2, e.size());
    assertEquals(EntryPoint.Kind.INIT, e.get(0).kind());
    assertEquals("hello_init", e.get(0).function());
    assertEquals(18, e.get(0).position().line());
    assertEquals(EntryPoint.Kind.EXIT, e.get(1).kind());
    assertEquals("hello_exit", e.get(1).function());
    assertEquals("GPL-2.0", f.spdx().orElseThrow().expression());
    assertEquals("//", f.spdx().orElseThrow().commentStyle());
  }

  @Test
  void sectionsOfAllDeclarationsOfANameMergeAsGccMergesAttributes() throws Exception {
    Files.writeString(dir.resolve("merge.h"), "int __init m_header_init(void);\nextern int m_table[] __initdata;\n");
    SourceFile f = parse("merge.c", """
        #include "merge.h"
        static int __init m_probe(int);
        static int m_probe(int x) { return x; }
        static int __exit m_remove(int x) { return x; }
        static int m_remove(int);
        static int m_late(int x) { return x; }
        static int __init m_late(int);
        static int __init m_both(void);
        static int __exit m_both(void) { return 0; }
        int m_header_init(void) { return 0; }
        int m_table[] = { 1, 2 };
        #if 0
        static int __init m_plain(void);
        #endif
        static int m_plain(void) { return 0; }
        """);
    CFunction probe = definition(f, "m_probe");
    assertEquals(dev.kmodlint.model.Section.INIT_TEXT, probe.section(), "the prototype's __init");
    assertTrue(probe.annotationAt().isEmpty(), "nothing is written on the definition itself");
    assertEquals(dev.kmodlint.model.Section.EXIT_TEXT, definition(f, "m_remove").section());
    assertTrue(f.code().functions().stream().filter(x -> x.name().equals("m_remove"))
        .allMatch(x -> x.section() == dev.kmodlint.model.Section.EXIT_TEXT), "a plain prototype after stays __exit");
    assertEquals(dev.kmodlint.model.Section.INIT_TEXT, definition(f, "m_late").section(),
        "gcc applies a section given after the definition too");
    assertEquals(dev.kmodlint.model.Section.INIT_TEXT, definition(f, "m_both").section(),
        "of two sections the first wins (gcc ignores the conflicting one)");
    assertEquals(dev.kmodlint.model.Section.INIT_TEXT, definition(f, "m_header_init").section(), "from a local header");
    assertEquals(dev.kmodlint.model.Section.INIT_DATA, f.code().variables().stream()
        .filter(v -> v.name().equals("m_table") && v.definition()).findFirst().orElseThrow().section());
    assertEquals(dev.kmodlint.model.Section.TEXT, definition(f, "m_plain").section(), "an inactive prototype counts for nothing");
  }

  @Test
  void referencesThatTakeAnAddressAreToldApart() throws Exception {
    SourceFile f = parse("addr.c", """
        struct holder { int *p; };
        static int a, b, c, d, e, g;
        static int arr[4];
        static char name[16];
        struct s { int x; } st;
        static struct holder h = { .p = &a };
        int *ptr;
        void use(int *);
        unsigned long sz(void) { return sizeof(arr) + arr[1] + name[0]; }
        void f1(void) { use(&b); ptr = &(c); use(&st.x); use(arr); }
        void f2(void) { use(&arr[2]); g = d + e; }
        """);
    assertTrue(references(f, "h", "a", CReference.Kind.ADDRESS));
    assertTrue(references(f, "f1", "b", CReference.Kind.ADDRESS));
    assertTrue(references(f, "f1", "c", CReference.Kind.ADDRESS));
    assertTrue(references(f, "f1", "st", CReference.Kind.ADDRESS));
    assertTrue(references(f, "f1", "arr", CReference.Kind.ADDRESS), "an array's name decays to its address");
    assertTrue(references(f, "f2", "arr", CReference.Kind.ADDRESS));
    assertTrue(references(f, "f2", "d", CReference.Kind.MENTION));
    assertTrue(references(f, "f2", "g", CReference.Kind.MENTION));
    assertTrue(references(f, "f1", "use", CReference.Kind.CALL));
    assertTrue(f.code().references().stream().filter(r -> r.from().equals("sz"))
        .allMatch(r -> r.kind() == CReference.Kind.MENTION), "sizeof(arr) and arr[1] read it");
  }

  private static CFunction definition(SourceFile f, String name) {
    return f.code().functions().stream().filter(x -> x.name().equals(name) && x.definition()).findFirst()
        .orElseThrow(() -> new AssertionError("no definition of " + name + " in " + f.code().functions()));
  }

  @Test
  void localHeaderMacrosAndInactiveBranchesAreSeen() throws Exception {
    Files.writeString(dir.resolve("drv.h"), "#define DRV_LICENSE \"Dual BSD/GPL\"\n");
    SourceFile f = parse("drv.c", """
        #include "drv.h"
        #include <linux/module.h>
        MODULE_LICENSE(DRV_LICENSE);
        #ifdef CONFIG_FOO
        MODULE_AUTHOR("Someone");
        #endif
        MODULE_DESCRIPTION(UNKNOWN_KERNEL_MACRO);
        module_platform_driver(drv_driver);
        """);
    assertEquals("Dual BSD/GPL", f.modInfo("license").get(0).value());
    assertEquals(3, f.modInfo("license").get(0).position().line());
    ModInfo author = f.modInfo("author").get(0);
    assertFalse(author.active());
    assertEquals("Someone", author.value());
    ModInfo desc = f.modInfo("description").get(0);
    assertNull(desc.value(), "a macro from an unread kernel header is not evaluated");
    assertEquals("UNKNOWN_KERNEL_MACRO", desc.text());
    assertEquals("module_platform_driver", f.entryPoints().get(0).helper());
    assertEquals("drv_driver", f.entryPoints().get(0).function());
    assertEquals(List.of(dir.resolve("drv.h").toAbsolutePath().normalize()), f.localIncludes());
  }

  @Test
  void garbageAndLatin1DoNotAbortTheFile() throws Exception {
    byte[] latin1 = "/* Autor: J\u00f6rg */\nMODULE_LICENSE(\"GPL\");\nint x = ((;\n}}}\nMODULE_AUTHOR(\"J\u00f6rg\");\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    Path f = dir.resolve("bad.c");
    Files.write(f, latin1);
    SourceFile s = new CFrontEnd(dir).parse(f, SourceFile.Kind.C).file();
    assertTrue(s.parsed());
    assertEquals("GPL", s.modInfo("license").get(0).value());
    assertEquals(2, s.modInfo("license").get(0).position().line());
  }

  @Test
  void parametersFunctionsSectionsAndReferences() throws Exception {
    Files.writeString(dir.resolve("perm.h"), "#define DRV_PERM 0644\n");
    SourceFile f = parse("p.c", """
        #include "perm.h"
        static unsigned long mask[4] __initdata;
        static char *name = "x";
        static u32 level;
        static struct platform_driver foo_driver = { .probe = foo_probe, .remove = foo_remove };
        module_param(level, uint, 644);
        module_param_named(nm, name, charp, S_IRUGO | S_IWUSR);
        module_param_array(mask, ulong, NULL, DRV_PERM);
        module_param_hw(io, int, ioport, 0x1a4);
        MODULE_PARM_DESC(level, "the level");
        EXPORT_SYMBOL_GPL(foo_hw_setup);
        EXPORT_SYMBOL_NS(foo_x, FOO_NS);
        static int __init foo_hw_setup(void) { return level; }
        int foo_probe(struct platform_device *pdev)
        {
            int level = 3;
            return foo_hw_setup() + level;
        }
        """);
    var code = f.code();
    var level = code.params().get(0);
    assertEquals("module_param", level.form());
    assertEquals("level", level.variable());
    assertEquals("uint", level.type());
    assertEquals("644", level.permission().text());
    assertEquals(644L, level.permission().value().orElseThrow());
    assertEquals(10, level.permission().base());
    assertEquals(6, level.permission().position().line());
    assertEquals(27, level.permission().position().column());
    var nm = code.params().get(1);
    assertEquals("name", nm.variable());
    assertEquals(0644L, nm.permission().value().orElseThrow());
    assertEquals(List.of("S_IRUGO", "S_IWUSR"), nm.permission().symbols());
    var arr = code.params().get(2);
    assertEquals(0644L, arr.permission().value().orElseThrow());
    assertEquals(8, arr.permission().base(), "a local macro expands to an octal literal");
    assertEquals("DRV_PERM", arr.permission().text());
    assertEquals("ioport", code.params().get(3).hwType().orElseThrow());
    assertEquals(16, code.params().get(3).permission().base());
    assertEquals("the level", code.paramDescriptions().get(0).value());
    assertEquals("level", code.paramDescriptions().get(0).tag());
    assertEquals(2, code.exports().size());
    assertTrue(code.exports().get(0).gplOnly());
    assertEquals("FOO_NS", code.exports().get(1).namespace().orElseThrow());

    var mask = code.variables().stream().filter(v -> v.name().equals("mask")).findFirst().orElseThrow();
    assertEquals("unsigned long", mask.baseType());
    assertEquals(4L, mask.arrayLength().orElseThrow());
    assertEquals(dev.kmodlint.model.Section.INIT_DATA, mask.section());
    var lv = code.variables().stream().filter(v -> v.name().equals("level")).findFirst().orElseThrow();
    assertEquals("unsigned int", lv.baseType());
    assertEquals(1, code.variables().stream().filter(v -> v.name().equals("name")).findFirst().orElseThrow().pointers());

    var setup = code.functions().stream().filter(fn -> fn.name().equals("foo_hw_setup")).findFirst().orElseThrow();
    assertEquals(dev.kmodlint.model.Section.INIT_TEXT, setup.section());
    assertEquals("int", setup.returnType());
    assertEquals(List.of(), setup.parameterTypes());
    assertEquals(13, setup.annotationAt().orElseThrow().line());
    var probe = code.functions().stream().filter(fn -> fn.name().equals("foo_probe")).findFirst().orElseThrow();
    assertEquals(dev.kmodlint.model.Section.TEXT, probe.section());
    assertEquals(List.of("struct platform_device *"), probe.parameterTypes());
    var refs = code.references();
    assertTrue(refs.stream().anyMatch(r -> r.from().equals("foo_probe") && r.to().equals("foo_hw_setup")
        && r.kind() == dev.kmodlint.model.CReference.Kind.CALL && r.position().line() == 17));
    assertTrue(refs.stream().noneMatch(r -> r.from().equals("foo_probe") && r.to().equals("level")),
        "a local shadows the parameter variable");
    assertTrue(refs.stream().anyMatch(r -> r.from().equals("foo_driver") && r.to().equals("foo_probe")));
    assertTrue(refs.stream().anyMatch(r -> r.from().equals("foo_hw_setup") && r.to().equals("level")));
  }
  // ---- preprocessor context ----

  /** Kernel header macros written for these tests (the kernel's shapes, not its text). */
  private static final KernelHeaders HEADERS = new FakeKernelHeaders(Set.of("from_timer", "init_timer_key"),
      "#define timer_setup(timer, fn, flags) __init_timer((timer), (fn), (flags))",
      "#define __init_timer(t, f, fl) init_timer_key((t), (f), (fl), NULL, NULL)",
      "#define NULL ((void *)0)",
      "#define __stringify_1(x...) #x",
      "#define __stringify(x...) __stringify_1(x)",
      "#define __ATTR_RO(_name) { .attr = { .name = __stringify(_name), .mode = 0444 }, .show = _name##_show, }",
      "#define DEVICE_ATTR_RO(_name) struct device_attribute dev_attr_##_name = __ATTR_RO(_name)",
      "#define ATTRIBUTE_GROUPS(_name) static const struct attribute_group _name##_group = { .attrs = _name##_attrs, }; \\\n"
          + "  __ATTRIBUTE_GROUPS(_name)",
      "#define __ATTRIBUTE_GROUPS(_name) static const struct attribute_group *_name##_groups[] = { &_name##_group, NULL, }",
      "#define READ_ONCE(x) (*(const volatile typeof(x) *)&(x))",
      "#define DECLARE_EWMA(name, _precision, _weight_rcp) \\\n"
          + "  struct ewma_##name { unsigned long internal; }; \\\n"
          + "  static inline void ewma_##name##_init(struct ewma_##name *e) { e->internal = 0; } \\\n"
          + "  static inline unsigned long ewma_##name##_read(struct ewma_##name *e) \\\n"
          + "  { return READ_ONCE(e->internal) >> (_precision); } /* a comment */ \\\n"
          + "  static inline void ewma_##name##_add(struct ewma_##name *e, unsigned long val) \\\n"
          + "  { e->internal = ewma_mix(READ_ONCE(e->internal), val, _weight_rcp); }",
      "#define DEFINE_ODD_THING(n) int n ) ) ;",
      "#define MODULE_LICENSE(_license) int kernel_license_stand_in;",
      "#define module_init(fn) int kernel_init_stand_in;",
      "#define EXPORT_SYMBOL_GPL(sym) int kernel_export_stand_in;",
      "#define DEFINE_EXPORTED_COUNTER(n) int n = 0; EXPORT_SYMBOL_GPL(n)",
      "#define _EXPORT_DEV_PM_OPS(name, license, ns) const struct dev_pm_ops name; __EXPORT_SYMBOL(name, license, ns); "
          + "const struct dev_pm_ops name",
      "#define EXPORT_NS_GPL_DEV_PM_OPS(name, ns) _EXPORT_DEV_PM_OPS(name, \"_gpl\", #ns)",
      "#define EXPORT_NS_GPL_SIMPLE_DEV_PM_OPS(name, s, r, ns) EXPORT_NS_GPL_DEV_PM_OPS(name, ns) = { .suspend = s, .resume = r }");

  private static final CompileFlags NO_FLAGS = CompileFlags.NONE;

  private static TargetKernel kernel(int v, int p, int s, Map<String, String> config) {
    return new TargetKernel(v + "." + p + ".0-test", v, p, s, Optional.of(config), "x86");
  }

  private static PreprocessorContext context(TargetKernel k) {
    return new PreprocessorContext(NO_FLAGS, Optional.of(k), Optional.empty());
  }

  private static PreprocessorContext headers() {
    return new PreprocessorContext(NO_FLAGS, Optional.empty(), Optional.of(HEADERS));
  }

  private SourceFile parse(String name, String text, PreprocessorContext ctx) throws Exception {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return new CFrontEnd(dir).parse(f, SourceFile.Kind.C, ctx).file();
  }

  private static CFunction function(SourceFile f, String name) {
    return f.code().functions().stream().filter(x -> x.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no function " + name + " in " + f.code().functions()));
  }

  private static CVariable variable(SourceFile f, String name) {
    return f.code().variables().stream().filter(x -> x.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no variable " + name + " in " + f.code().variables()));
  }

  private static boolean active(SourceFile f, String fn) {
    return function(f, fn).active();
  }

  private static List<String> externalNames(SourceFile f) {
    return f.code().externalUses().stream().map(ExternalUse::name).toList();
  }

  private static boolean references(SourceFile f, String from, String to, CReference.Kind kind) {
    return f.code().references().stream().anyMatch(r -> r.from().equals(from) && r.to().equals(to) && r.kind() == kind);
  }

  private static final String VERSION_BRANCHES = """
      #include <linux/version.h>
      #if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 15, 0)
      int new_api(void) { return 1; }
      #else
      int old_api(void) { return 0; }
      #endif
      #if LINUX_VERSION_MAJOR == 6 && LINUX_VERSION_PATCHLEVEL == 1 && LINUX_VERSION_SUBLEVEL == 192
      int exactly(void) { return 0; }
      #endif
      #if LINUX_VERSION_CODE == KERNEL_VERSION(4, 9, 400)
      int clamped(void) { return 0; }
      #endif
      """;

  @Test
  void versionBranchesFollowTheTargetKernel() throws Exception {
    SourceFile six = parse("v.c", VERSION_BRANCHES, context(kernel(6, 1, 192, Map.of())));
    assertTrue(active(six, "new_api"));
    assertFalse(active(six, "old_api"));
    assertTrue(active(six, "exactly"));
    assertFalse(active(six, "clamped"));
    SourceFile five = parse("v.c", VERSION_BRANCHES, context(kernel(5, 10, 0, Map.of())));
    assertFalse(active(five, "new_api"));
    assertTrue(active(five, "old_api"));
    assertFalse(active(five, "exactly"));
    SourceFile four = parse("v.c", VERSION_BRANCHES, context(kernel(4, 9, 337, Map.of())));
    assertTrue(active(four, "clamped"), "sublevels above 255 count as 255 on both sides");
    assertTrue(active(four, "old_api"));
  }

  @Test
  void withoutATargetKernelVersionAndConfigBranchesStayAsWithoutContext() throws Exception {
    String text = VERSION_BRANCHES + "#ifdef CONFIG_PM\nint pm(void) { return 0; }\n#endif\n";
    SourceFile none = parse("v.c", text, PreprocessorContext.NONE);
    SourceFile onlyHeaders = parse("v.c", text, headers());
    TargetKernel noConfig = new TargetKernel("6.1.0-test", 6, 1, 192, Optional.empty(), "x86");
    SourceFile unknownConfig = parse("v.c", text, context(noConfig));
    for (String fn : List.of("new_api", "old_api", "exactly", "pm")) {
      assertEquals(active(none, fn), active(onlyHeaders, fn), fn);
    }
    assertEquals(active(none, "pm"), active(unknownConfig, "pm"));
    assertTrue(active(unknownConfig, "new_api"), "the version is known without a .config");
    CFrontEnd fe = new CFrontEnd(dir);
    assertEquals(List.of("no-target-kernel"), fe.notifications(headers()).stream().map(Notification::id).toList());
    assertEquals(List.of("no-kernel-config"), fe.notifications(context(noConfig)).stream().map(Notification::id).toList());
    assertEquals(List.of(), fe.notifications(context(kernel(6, 1, 0, Map.of()))));
  }

  @Test
  void configSymbolsAsAutoconfAndKconfigDefineThem() throws Exception {
    Files.writeString(dir.resolve("opts.h"), "#ifdef CONFIG_A\nint header_a(void);\n#endif\n"
        + "#if IS_ENABLED(CONFIG_C)\nint header_c(void);\n#endif\n");
    String text = """
        #include "opts.h"
        #ifdef CONFIG_A
        int a_ifdef(void) { return 0; }
        #endif
        #if IS_ENABLED(CONFIG_A)
        int a_enabled(void) { return 0; }
        #endif
        #if IS_BUILTIN(CONFIG_A)
        int a_builtin(void) { return 0; }
        #endif
        #if IS_MODULE(CONFIG_A)
        int a_module(void) { return 0; }
        #endif
        #if IS_REACHABLE(CONFIG_A)
        int a_reachable(void) { return 0; }
        #endif
        #if IS_ENABLED(CONFIG_B)
        int b_enabled(void) { return 0; }
        #endif
        #if IS_BUILTIN(CONFIG_B)
        int b_builtin(void) { return 0; }
        #endif
        #if IS_MODULE(CONFIG_B)
        int b_module(void) { return 0; }
        #endif
        #if IS_REACHABLE(CONFIG_B)
        int b_reachable(void) { return 0; }
        #endif
        #ifdef CONFIG_B
        int b_ifdef(void) { return 0; }
        #endif
        #ifdef CONFIG_B_MODULE
        int b_module_ifdef(void) { return 0; }
        #endif
        #if IS_ENABLED(CONFIG_C) || defined(CONFIG_C) || IS_REACHABLE(CONFIG_C)
        int c_any(void) { return 0; }
        #endif
        #ifndef CONFIG_C
        int c_off(void) { return 0; }
        #endif
        #ifdef CONFIG_D
        int d_no(void) { return 0; }
        #endif
        #if CONFIG_NR_CPUS > 32
        int many_cpus(void) { return 0; }
        #endif
        static int per_b[IS_ENABLED(CONFIG_B) + 1];
        static int per_c[IS_MODULE(CONFIG_C) + 1];
        static int cpus[CONFIG_NR_CPUS];
        """;
    Map<String, String> config = Map.of("CONFIG_A", "y", "CONFIG_B", "m", "CONFIG_D", "n", "CONFIG_NR_CPUS", "64");
    SourceFile f = parse("cfg.c", text, context(kernel(6, 1, 0, config)));
    for (String on : List.of("a_ifdef", "a_enabled", "a_builtin", "a_reachable", "b_enabled", "b_module",
        "b_reachable", "b_module_ifdef", "c_off", "many_cpus", "header_a"))
      assertTrue(active(f, on), on);
    for (String off : List.of("a_module", "b_builtin", "b_ifdef", "c_any", "d_no"))
      assertFalse(active(f, off), off);
    assertTrue(f.code().functions().stream().noneMatch(x -> x.name().equals("header_c")), "a header's inactive code is not read");
    assertEquals(2L, variable(f, "per_b").arrayLength().orElseThrow(), "IS_ENABLED expands in C code too");
    assertEquals(1L, variable(f, "per_c").arrayLength().orElseThrow());
    assertEquals(64L, variable(f, "cpus").arrayLength().orElseThrow());
    SourceFile none = parse("cfg.c", text, PreprocessorContext.NONE);
    assertFalse(active(none, "a_ifdef"), "without a kernel nothing is configured");
  }

  @Test
  void definesUndefinesAndForcedIncludesFromTheBuild() throws Exception {
    Files.writeString(dir.resolve("compat.h"), "#define HAVE_COMPAT 1\nint compat_helper(void);\n");
    Files.writeString(dir.resolve("macros.h"), "#define FROM_IMACROS 7\nint only_its_macros_count(void);\n");
    CompileFlags flags = new CompileFlags(Map.of("MYDRV_DEBUG", "1", "MYDRV_SCALE(x)", "((x) * 4)", "DROPPED", "1",
        "KBUILD_MODNAME", "\"mydrv\""),
        List.of("DROPPED", "__STDC_HOSTED__"), List.of(), List.of(dir.resolve("compat.h"), Path.of("missing.h")),
        List.of(dir.resolve("macros.h")), false);
    String text = """
        #ifdef MYDRV_DEBUG
        int debug_on(void) { return 0; }
        #endif
        #ifdef DROPPED
        int dropped(void) { return 0; }
        #endif
        #ifdef __STDC_HOSTED__
        int hosted(void) { return 0; }
        #endif
        #ifdef HAVE_COMPAT
        int compat(void) { return compat_helper(); }
        #endif
        static int table[MYDRV_SCALE(2)];
        #if FROM_IMACROS == 7
        int imacros(void) { return 0; }
        #endif
        MODULE_DESCRIPTION(KBUILD_MODNAME " driver");
        """;
    Path f = dir.resolve("flags.c");
    Files.writeString(f, text);
    CFrontEnd.Parsed p = new CFrontEnd(dir).parse(f, SourceFile.Kind.C, PreprocessorContext.of(flags));
    SourceFile s = p.file();
    assertTrue(active(s, "debug_on"));
    assertFalse(active(s, "dropped"), "-U applies after -D");
    assertFalse(active(s, "hosted"), "-U removes a predefined macro");
    assertTrue(active(s, "compat"));
    assertTrue(references(s, "compat", "compat_helper", CReference.Kind.CALL), "the forced include declares it");
    assertEquals(8L, variable(s, "table").arrayLength().orElseThrow());
    assertTrue(active(s, "imacros"));
    assertEquals("mydrv driver", s.modInfo("description").get(0).value(), "the build's KBUILD_MODNAME wins over the prelude's");
    assertTrue(s.code().functions().stream().noneMatch(x -> x.name().equals("only_its_macros_count")),
        "-imacros keeps only the macros");
    assertTrue(p.headersRead().contains(dir.resolve("macros.h").toAbsolutePath().normalize()));
    Path compat = dir.resolve("compat.h").toAbsolutePath().normalize();
    assertTrue(p.headersRead().contains(compat));
    assertTrue(s.localIncludes().contains(compat));
    assertTrue(p.absentIncludes().contains(dir.resolve("missing.h").toAbsolutePath().normalize()),
        "a forced include created later changes the facts");
    SourceFile none = new CFrontEnd(dir).parse(f, SourceFile.Kind.C).file();
    assertTrue(active(none, "hosted"));
    assertEquals("kmodlint driver", none.modInfo("description").get(0).value());
    assertFalse(active(none, "compat"));
  }

  @Test
  void includeDirectoriesSearchedAsGccDoes() throws Exception {
    Files.createDirectories(dir.resolve("include/linux"));
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("include/linux/mydrv.h"), "#define MYDRV_MAX 8\nint mydrv_shared(void);\n");
    Files.writeString(dir.resolve("include/cfg.h"), "#define CFG_FROM_INCLUDE 2\n");
    Files.writeString(dir.resolve("include/only_there.h"), "#define ONLY_THERE 3\n");
    Files.writeString(dir.resolve("src/cfg.h"), "#define CFG_FROM_SRC 1\n");
    String text = """
        #include <linux/mydrv.h>
        #include <linux/module.h>
        #include "cfg.h"
        #include <cfg.h>
        #include "only_there.h"
        static int arr[MYDRV_MAX];
        #if defined(CFG_FROM_SRC) && defined(CFG_FROM_INCLUDE) && ONLY_THERE == 3
        int both(void) { return mydrv_shared(); }
        #endif
        """;
    Path f = dir.resolve("src/drv.c");
    Files.writeString(f, text);
    CompileFlags flags = new CompileFlags(Map.of(), List.of(), List.of(dir.resolve("include")), List.of(), List.of(), true);
    CFrontEnd.Parsed p = new CFrontEnd(dir).parse(f, SourceFile.Kind.C, PreprocessorContext.of(flags));
    assertEquals(8L, variable(p.file(), "arr").arrayLength().orElseThrow(), "<linux/mydrv.h> is the tree's own");
    assertTrue(active(p.file(), "both"), "quote: the file's directory first, then -I; angle: -I only");
    assertTrue(references(p.file(), "both", "mydrv_shared", CReference.Kind.CALL));
    assertEquals(1, p.unresolvedIncludes(), "only <linux/module.h> is the kernel's");
    Path root = dir.toAbsolutePath().normalize();
    for (String h : List.of("include/linux/mydrv.h", "include/cfg.h", "include/only_there.h", "src/cfg.h"))
      assertTrue(p.headersRead().contains(root.resolve(h)), h);
    CFrontEnd.Parsed none = new CFrontEnd(dir).parse(f, SourceFile.Kind.C);
    assertEquals(4, none.unresolvedIncludes());
    assertFalse(none.headersRead().contains(root.resolve("include/linux/mydrv.h")));
  }

  @Test
  void includePathsOutsideTheTreeAreIgnoredWithANote() throws Exception {
    Path repo = dir.resolve("repo");
    Path outside = dir.resolve("outside");
    Files.createDirectories(repo);
    Files.createDirectories(outside.resolve("include/linux"));
    Files.writeString(outside.resolve("include/linux/ext.h"), "#define EXT_SIZE 4\n");
    Files.writeString(outside.resolve("force.h"), "#define FORCED 1\n");
    Path f = repo.resolve("drv.c");
    Files.writeString(f, "#include <linux/ext.h>\n#include \"../outside/force.h\"\n"
        + "#if defined(EXT_SIZE) || defined(FORCED)\nint seen(void) { return 0; }\n#endif\n");
    CompileFlags flags = new CompileFlags(Map.of(), List.of(), List.of(outside.resolve("include"), Path.of("../outside/include")),
        List.of(outside.resolve("force.h")), List.of(outside.resolve("force.h")), true);
    PreprocessorContext ctx = PreprocessorContext.of(flags);
    CFrontEnd fe = new CFrontEnd(repo);
    CFrontEnd.Parsed p = fe.parse(f, SourceFile.Kind.C, ctx);
    assertFalse(active(p.file(), "seen"));
    assertEquals(List.of(), p.headersRead());
    assertEquals(2, p.unresolvedIncludes());
    List<Notification> notes = fe.notifications(ctx);
    assertEquals(3, notes.stream().filter(n -> n.id().equals("include-outside-tree")).count(), notes.toString());
    assertTrue(notes.stream().anyMatch(n -> n.message().contains(outside.resolve("include").toString())));
  }

  @Test
  void ifdefOfAKernelHeaderMacroIsDecidedByTheHeaders() throws Exception {
    Files.writeString(dir.resolve("compat.h"), "#ifndef from_timer\nint header_compat(void);\n#endif\n");
    String text = """
        #include <linux/timer.h>
        #include "compat.h"
        #ifdef timer_setup
        int modern(void) { return 1; }
        #else
        int legacy(void) { return 0; }
        #endif
        #ifndef from_timer
        #define from_timer(var, t, field) container_of(t, typeof(*var), field)
        int own_from_timer(void) { return 0; }
        #endif
        #ifndef kernel_lacks_this
        #define kernel_lacks_this(x) (x)
        int compat_defined(void) { return 0; }
        #endif
        #if 0
        #elif defined(timer_setup) && !defined(not_in_any_header)
        int both(void) { return 0; }
        #endif
        static struct timer_list t;
        static void cb(struct timer_list *tl) { }
        static void start(void) { timer_setup(&t, cb, 0); }
        """;
    SourceFile f = parse("tm.c", text, headers());
    assertTrue(active(f, "modern"));
    assertFalse(active(f, "legacy"));
    assertFalse(active(f, "own_from_timer"), "known without its definition");
    assertTrue(f.code().functions().stream().noneMatch(x -> x.name().equals("header_compat")), "a local header's test too");
    assertTrue(active(f, "compat_defined"));
    assertTrue(active(f, "both"));
    assertTrue(references(f, "start", "cb", CReference.Kind.MENTION), "timer_setup(&t, cb, 0) still names cb");
    assertTrue(references(f, "start", "t", CReference.Kind.ADDRESS));
    ExternalUse ts = f.code().externalUses().stream().filter(u -> u.name().equals("timer_setup")).findFirst().orElseThrow();
    assertTrue(ts.call());
    assertEquals(22, ts.position().line());
    assertEquals(27, ts.position().column());
    assertFalse(externalNames(f).contains("init_timer_key"), "a tested macro is not expanded");
    SourceFile none = parse("tm.c", text, PreprocessorContext.NONE);
    assertFalse(active(none, "modern"));
    assertTrue(active(none, "own_from_timer"));
    assertTrue(active(none, "header_compat"));
  }

  @Test
  void declareEwmaDefinesItsFunctions() throws Exception {
    String text = """
        DECLARE_EWMA(signal, 10, 8)
        static struct ewma_signal avg;
        static int peek(int *p) { return READ_ONCE(*p); }
        static void sample(unsigned long v) { ewma_signal_init(&avg); ewma_signal_add(&avg, v); }
        """;
    SourceFile f = parse("ewma.c", text, headers());
    for (String fn : List.of("ewma_signal_init", "ewma_signal_read", "ewma_signal_add")) {
      CFunction c = function(f, fn);
      assertTrue(c.definition() && c.isStatic() && c.isInline() && c.fromMacro() && c.active(), fn);
      assertEquals(1, c.position().line(), fn);
      assertEquals(1, c.position().column(), fn);
      assertEquals(28, c.position().endColumn(), "the macro call " + fn);
    }
    assertEquals(List.of("struct ewma_signal *", "unsigned long"), function(f, "ewma_signal_add").parameterTypes());
    assertTrue(references(f, "sample", "ewma_signal_add", CReference.Kind.CALL));
    assertTrue(references(f, "sample", "avg", CReference.Kind.ADDRESS));
    List<String> ext = externalNames(f);
    assertTrue(ext.contains("DECLARE_EWMA"), "what the expansion uses is the macro's: " + ext);
    assertTrue(ext.contains("READ_ONCE"), "the file's own READ_ONCE stays as written: " + ext);
    assertFalse(ext.contains("ewma_mix"), ext.toString());
    assertTrue(ext.stream().noneMatch(n -> n.startsWith("__kmodlint")), ext.toString());
    SourceFile none = parse("ewma.c", text, PreprocessorContext.NONE);
    assertTrue(none.code().functions().stream().noneMatch(x -> x.name().startsWith("ewma_")));
  }

  @Test
  void deviceAttributeAndGroupsDefineTheirObjects() throws Exception {
    String text = """
        static ssize_t version_show(struct device *dev, struct device_attribute *attr, char *buf) { return 0; }
        static DEVICE_ATTR_RO(version);
        static struct attribute *drv_attrs[] = { &dev_attr_version.attr, NULL };
        ATTRIBUTE_GROUPS(drv);
        """;
    SourceFile f = parse("attr.c", text, headers());
    CVariable attr = variable(f, "dev_attr_version");
    assertTrue(attr.isStatic() && attr.definition() && attr.fromMacro());
    assertEquals("struct device_attribute", attr.baseType());
    assertEquals(2, attr.position().line());
    assertEquals(8, attr.position().column());
    assertTrue(references(f, "dev_attr_version", "version_show", CReference.Kind.MENTION));
    assertTrue(references(f, "drv_attrs", "dev_attr_version", CReference.Kind.ADDRESS));
    assertEquals(1L, variable(f, "drv_groups").pointers());
    assertTrue(references(f, "drv_groups", "drv_group", CReference.Kind.ADDRESS));
    assertTrue(references(f, "drv_group", "drv_attrs", CReference.Kind.ADDRESS));
    assertEquals(4, variable(f, "drv_group").position().line());
    assertTrue(f.code().macroDefinedNames().isEmpty(), f.code().macroDefinedNames().toString());
    SourceFile none = parse("attr.c", text, PreprocessorContext.NONE);
    assertTrue(none.code().variables().stream().noneMatch(v -> v.name().equals("dev_attr_version")));
  }

  @Test
  void theOwnDefinitionsOfThePreludeWin() throws Exception {
    String text = """
        #ifdef MODULE_LICENSE
        MODULE_LICENSE("GPL");
        #endif
        DEFINE_EXPORTED_COUNTER(hits);
        static int __init go(void) { return hits; }
        module_init(go);
        static int drv_suspend(struct device *d) { return 0; }
        static int drv_resume(struct device *d) { return 0; }
        EXPORT_NS_GPL_SIMPLE_DEV_PM_OPS(drv_pm_ops, drv_suspend, drv_resume, DRV_CORE);
        """;
    SourceFile f = parse("prelude.c", text, headers());
    assertEquals("GPL", f.modInfo("license").get(0).value());
    assertTrue(f.modInfo("license").get(0).active());
    assertEquals("go", f.entryPoints().get(0).function());
    assertTrue(variable(f, "hits").definition());
    assertEquals(List.of("hits", "drv_pm_ops"), f.code().exports().stream().map(e -> e.symbol()).toList(),
        "EXPORT_SYMBOL_GPL and __EXPORT_SYMBOL inside a header macro are the prelude's");
    assertTrue(f.code().exports().get(0).gplOnly());
    assertTrue(f.code().exports().get(1).gplOnly());
    assertEquals("DRV_CORE", f.code().exports().get(1).namespace().orElseThrow());
    assertTrue(variable(f, "drv_pm_ops").definition());
    assertTrue(references(f, "drv_pm_ops", "drv_resume", CReference.Kind.MENTION));
    assertTrue(f.code().variables().stream().noneMatch(v -> v.name().startsWith("kernel_")), f.code().variables().toString());
  }

  @Test
  void exportsThroughTheStringFormOfKernelExportMacros() throws Exception {
    SourceFile f = parse("exp.c", """
        int a(void) { return 0; }
        __EXPORT_SYMBOL(a, "GPL", "NS_A");
        int b(void) { return 0; }
        _EXPORT_SYMBOL(b, "");
        int c(void) { return 0; }
        __EXPORT_SYMBOL(c, "_gpl", "");
        """, PreprocessorContext.NONE);
    var e = f.code().exports();
    assertEquals(List.of("a", "b", "c"), e.stream().map(x -> x.symbol()).toList());
    assertTrue(e.get(0).gplOnly());
    assertEquals("NS_A", e.get(0).namespace().orElseThrow());
    assertFalse(e.get(1).gplOnly());
    assertTrue(e.get(1).namespace().isEmpty());
    assertTrue(e.get(2).gplOnly());
  }

  @Test
  void aHeaderMacroWhoseExpansionDoesNotParseDefinesItsArguments() throws Exception {
    SourceFile f = parse("odd.c", "static DEFINE_ODD_THING(thing);\nint after(void) { return 0; }\n", headers());
    assertTrue(f.code().macroDefinedNames().contains("thing"), f.code().macroDefinedNames().toString());
    assertTrue(function(f, "after").definition());
  }

  @Test
  void fingerprintCoversFlagsKernelConfigAndHeaders() {
    TargetKernel k = kernel(6, 1, 192, Map.of("CONFIG_A", "y"));
    PreprocessorContext a = new PreprocessorContext(NO_FLAGS, Optional.of(k), Optional.of(HEADERS));
    PreprocessorContext same = new PreprocessorContext(NO_FLAGS, Optional.of(kernel(6, 1, 192, Map.of("CONFIG_A", "y"))),
        Optional.of(HEADERS));
    assertEquals(a.fingerprint(), same.fingerprint());
    assertEquals(a, same);
    CompileFlags d = new CompileFlags(Map.of("X", "1"), List.of(), List.of(), List.of(), List.of(), true);
    List<PreprocessorContext> others = List.of(
        a.withFlags(d),
        new PreprocessorContext(NO_FLAGS, Optional.of(kernel(6, 1, 192, Map.of("CONFIG_A", "m"))), Optional.of(HEADERS)),
        new PreprocessorContext(NO_FLAGS, Optional.of(kernel(6, 1, 191, Map.of("CONFIG_A", "y"))), Optional.of(HEADERS)),
        new PreprocessorContext(NO_FLAGS, Optional.of(k), Optional.of(new FakeKernelHeaders(Set.of("x")))),
        new PreprocessorContext(NO_FLAGS, Optional.of(k), Optional.empty()),
        PreprocessorContext.of(d));
    for (PreprocessorContext o : others) assertNotEquals(a.fingerprint(), o.fingerprint(), o.toString());
    assertEquals(new PreprocessorContext(d, Optional.of(k), Optional.of(HEADERS)).fingerprint(), a.withFlags(d).fingerprint());
    assertEquals("none", PreprocessorContext.NONE.fingerprint());
    assertTrue(PreprocessorContext.of(NO_FLAGS).isNone());
    assertFalse(PreprocessorContext.of(d).isNone());
  }

  private static List<String> assembler(SourceFile f) {
    return f.code().assemblerNames().stream().map(a -> a.kind() + " " + a.name() + " " + a.position().line() + ":"
        + a.position().column()).toList();
  }

  @Test
  void asmTextDefinesItsLabelsAndCallsWhatItDoesNotDefineAsTheBuildCompilesIt() throws Exception {
    SourceFile f = parse("inline.c", """
        #define ALIGN_BYTES 16
        #define DEF_FN(op) extern void fn_##op(void); \\
          asm(".globl fn_" #op "\\n.align " __stringify(ALIGN_BYTES) "\\nfn_" #op ":\\n\\tcall helper_" #op "\\n\\tret")
        DEF_FN(add);
        asm("private_label: nop");
        #if 0
        asm(".globl dead_fn\\ndead_fn: ret");
        #endif
        static void body(void)
        {
        \tasm volatile("in_body: call written_target\\n\\t" "jmp private_label" : : "i" (0) : "memory");
        \tif (0)
        \t\tasm("dropped: call dropped_target");
        }
        """);
    // labels, then calls; a macro-made name is at the macro call, a written one where it is written
    assertEquals(List.of("GLOBAL fn_add 4:1", "LOCAL private_label 5:6", "LOCAL in_body 11:16",
        "REFERENCE helper_add 4:1", "REFERENCE written_target 11:30"), assembler(f));
    assertEquals("", f.code().assemblerNames().get(0).headerInline());
  }

  @Test
  void aNameOfAsmTextIsWhereTheStatementWritesItNotWhereItsCommentsDo() throws Exception {
    SourceFile f = parse("written.c", """
        #define EXPORTED(fn) ".global " #fn "\\n" #fn ":\\n"
        void holder(void)
        {
        \tasm(
        \t/* exported_fn -- a comment that names it first */
        \tEXPORTED(exported_fn)
        \t"nop\\n\\tcall tab_target\\n");
        }
        """);
    assertEquals(List.of("GLOBAL exported_fn 6:11", "REFERENCE tab_target 7:15"), assembler(f));
  }

  @Test
  void asmTextWithAMacroTheParseDoesNotKnowKeepsItsLabelsButNotItsCalls() throws Exception {
    SourceFile f = parse("unknown.c", """
        asm("known: call target_a\\n" UNKNOWN_MACRO "nop");
        void g(void) { asm("call target_b"); }
        """);
    assertEquals(List.of("LOCAL known 1:6"), assembler(f), "UNKNOWN_MACRO may be what defines target_a or target_b");
  }

  @Test
  void asmInAHeaderInlineFunctionIsThatFunctionsText() throws Exception {
    Files.writeString(dir.resolve("inl.h"), "static inline void hdr_fn(void) { asm volatile(\"call hdr_target\"); }\n");
    SourceFile f = parse("usesinl.c", "#include \"inl.h\"\nvoid h(void) { }\n");
    AssemblerName a = f.code().assemblerNames().get(0);
    assertEquals("hdr_target", a.name());
    assertEquals("hdr_fn", a.headerInline());
  }

  @Test
  void aTypelessFileScopeDeclarationIsAKernelMacroTheParseDidNotKnowAndDeclaresNothing() throws Exception {
    // TRACE_EVENT(..., TP_fast_assign(...; static_call(hook)(x, 2);), ...) unknown: the parse
    // recovers with a file-scope "static_call(tick_hook)" of implicit int, which -Werror=implicit-int
    // would never let through
    SourceFile f = parse("typeless.c", """
        UNKNOWN_EVENT(tick, TP_fast_assign(x = 1; static_call(tick_hook)(x, 2);), TP_printk("x"));
        static void f(int v) { static_call(tick_hook)(v, 3); }
        unsigned typed_fn(void);
        """);
    assertTrue(f.code().functions().stream().noneMatch(x -> x.name().equals("static_call")), f.code().functions().toString());
    assertTrue(externalNames(f).contains("static_call"), externalNames(f).toString());
    assertFalse(references(f, "f", "static_call", CReference.Kind.CALL));
    assertEquals("unsigned int", function(f, "typed_fn").returnType(), "a type of 'unsigned' alone is a type");
  }

  @Test
  void aHeaderReadOnceForAllTheParsesOfAFrontEndGivesEachFileWhatItsOwnReadingWould() throws Exception {
    Path shared = dir.resolve("shared.h");
    Files.writeString(shared, """
        #ifndef SHARED_H
        #define SHARED_H
        typedef unsigned long shared_t;
        int __init shared_register(void);
        #ifdef from_timer
        static inline int shared_timer(void) { return 1; }
        #endif
        #ifdef ONLY_A
        int only_a(void);
        #endif
        #endif
        """);
    Path a = dir.resolve("a.c");
    Files.writeString(a, "#define ONLY_A\n#include \"shared.h\"\n"
        + "int shared_register(void) { shared_t (x) = 0; return (int)x; }\n");
    Path b = dir.resolve("b.c");
    Files.writeString(b, "#include \"shared.h\"\nint b(void) { return shared_timer(); }\n");
    CFrontEnd one = new CFrontEnd(dir);
    for (PreprocessorContext ctx : List.of(PreprocessorContext.NONE, headers())) {
      for (Path f : List.of(a, b, a)) {
        assertEquals(new CFrontEnd(dir).parse(f, SourceFile.Kind.C, ctx).file(), one.parse(f, SourceFile.Kind.C, ctx).file(),
            f.getFileName() + " " + ctx);
      }
    }
    SourceFile withA = one.parse(a, SourceFile.Kind.C).file();
    assertEquals(Section.INIT_TEXT, withA.code().functions().stream()
        .filter(x -> x.name().equals("shared_register") && x.definition()).findFirst().orElseThrow().section());
    assertTrue(withA.code().functions().stream().anyMatch(x -> x.name().equals("only_a")));
    assertFalse(one.parse(b, SourceFile.Kind.C).file().code().functions().stream().anyMatch(x -> x.name().equals("only_a")));
    assertTrue(active(one.parse(b, SourceFile.Kind.C, headers()).file(), "shared_timer"));

    // changed between two parses: read again
    Files.writeString(shared, Files.readString(shared).replace("#endif\n#endif", "#endif\nint shared_added(void);\n#endif"));
    Files.setLastModifiedTime(shared, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    SourceFile again = one.parse(b, SourceFile.Kind.C).file();
    assertTrue(again.code().functions().stream().anyMatch(x -> x.name().equals("shared_added")));
    assertEquals(new CFrontEnd(dir).parse(b, SourceFile.Kind.C).file(), again);
  }

  // ---- what gcc sees where the parser could not read the kernel's macros ----

  private static boolean declaresFunction(SourceFile f, String name) {
    return f.code().functions().stream().anyMatch(x -> x.name().equals(name));
  }

  private static boolean declaresVariable(SourceFile f, String name) {
    return f.code().variables().stream().anyMatch(x -> x.name().equals(name));
  }

  private static boolean activeReference(SourceFile f, String from, String to) {
    return f.code().references().stream().anyMatch(r -> r.from().equals(from) && r.to().equals(to) && r.active());
  }

  @Test
  void declarationsTheParserMakesUpWhileRecoveringDeclareNothing() throws Exception {
    SourceFile f = parse("trace.c", """
        EVENT_CLASS(corpus_template,
                    ENTRY(__dynamic_array(u32, mac, 6)),
                    ASSIGN(ether_addr_copy(__get_dynamic_array(mac), addr);
                           ),
                    PRINT("%p", addr)
        );
        static int __init corpus_early(void) { return 0; }
        __init __no_kcsan
        int corpus_setup(void)
        {
            ether_addr_copy(a, b);
            return corpus_early();
        }
        """);
    assertFalse(declaresFunction(f, "ether_addr_copy"), "a statement in a macro's arguments: " + f.code().functions());
    assertTrue(externalNames(f).contains("ether_addr_copy"));
    assertFalse(declaresVariable(f, "__no_kcsan"), "the words before a missing ';': " + f.code().variables());
    assertTrue(function(f, "corpus_setup").definition());
  }

  @Test
  void aFileScopeDeclarationWithoutATypeIsAMacroCall() throws Exception {
    SourceFile f = parse("assert.c", """
        static_assert(IS_ALIGNED(FOO_SIZE, PAGE_SIZE));
        __FOO_DECLARE_MASK(corpus_mask) __ro_after_init;
        unsigned corpus_count(void);
        static inline int corpus_check(void) { static_assert(sizeof(int) == 4); return 0; }
        """);
    assertFalse(declaresFunction(f, "static_assert"));
    assertFalse(declaresFunction(f, "__FOO_DECLARE_MASK"));
    assertTrue(f.code().macroDefinedNames().contains("corpus_mask"), "a capitals macro defines what it is passed");
    assertTrue(declaresFunction(f, "corpus_count"), "unsigned alone is a type");
  }

  @Test
  void aPrototypeOfAFunctionReturningAPointerDeclaresAFunction() throws Exception {
    SourceFile f = parse("proto.c", """
        struct corpus_class *corpus_class_create(void);
        struct corpus_class *corpus_current;
        """);
    assertFalse(function(f, "corpus_class_create").definition());
    assertFalse(declaresVariable(f, "corpus_class_create"));
    assertTrue(variable(f, "corpus_current").definition());
  }

  @Test
  void definitionsTheParserCannotReadStillDefineTheirObject() throws Exception {
    SourceFile f = parse("pm.c", """
        static int corpus_suspend(struct device *dev) { return 0; }
        static int corpus_idle(struct device *dev) { return 0; }
        static int corpus_testmode(void *p) { return 0; }
        const struct dev_pm_ops corpus_pm = {
            SET_SYSTEM_SLEEP_PM_OPS(corpus_suspend, NULL)
            SET_RUNTIME_PM_OPS(NULL, NULL, corpus_idle)
            .prepare = &corpus_prepare_stub,
        };
        static const u8 corpus_addr[8] __long_aligned = { 1, 2 };
        const char *const corpus_names[][2] = { [0] = { [false] = TRUSTED_PREFIX "x", [true] = USER_PREFIX "x" } };
        static int corpus_prepare_stub;
        int corpus_use(void) { return corpus_addr[0] + corpus_prepare_stub; }
        """);
    CVariable pm = variable(f, "corpus_pm");
    assertTrue(pm.definition() && !pm.isStatic() && pm.active());
    assertEquals(4, pm.position().line());
    assertEquals(25, pm.position().column());
    assertTrue(variable(f, "corpus_addr").definition() && variable(f, "corpus_addr").isStatic());
    assertEquals("8", variable(f, "corpus_addr").arraySize().orElseThrow());
    assertTrue(variable(f, "corpus_names").definition());
    // in a kernel macro's arguments: a mention that keeps the function, not a reference the rules count
    assertTrue(f.code().references().stream().anyMatch(r -> r.from().equals("corpus_pm") && r.to().equals("corpus_idle")
        && r.kind() == CReference.Kind.MENTION && !r.active()));
    assertTrue(f.code().references().stream().anyMatch(r -> r.from().equals("corpus_pm")
        && r.to().equals("corpus_prepare_stub") && r.kind() == CReference.Kind.ADDRESS && r.active()));
  }

  @Test
  void staticCodeNoEmittedCodeReachesReferencesNothing() throws Exception {
    SourceFile f = parse("emit.c", """
        #define corpus_optional_type(a) (false)
        #define CORPUS_KEEP() corpus_by_macro()
        #define CORPUS_TRACE(...) do { } while (0)
        #define CORPUS_CHECK(x) CORPUS_TRACE("%s", corpus_traced(x))
        #define CORPUS_ADDR() corpus_in_asm
        struct corpus_ops { void (*run)(void); };
        static inline int corpus_register(void *priv, const struct corpus_ops *ops) { return 0; }
        static inline void *corpus_passthru(void) { return NULL; }
        static void corpus_simd(void) { simd_only(); }
        static const struct corpus_ops corpus_simd_ops = { .run = corpus_simd };
        static void corpus_mei(void) { mei_only(); }
        static const struct corpus_ops corpus_mei_ops = { .run = corpus_mei };
        static void corpus_orphan(void) { orphan_only(); }
        static void __attribute__((__used__)) corpus_kept(void) { kept_only(); }
        static void corpus_by_macro(void) { macro_only(); }
        static const char *corpus_traced(int x) { traced_only(); return ""; }
        static void corpus_in_asm(void) { asm_only(); }
        static void corpus_live(void) { live_only(); }
        int corpus_entry(int mode)
        {
            const struct corpus_ops *ops = 0;
            if (IS_ENABLED(CONFIG_CORPUS_OFF))
                ops = &corpus_simd_ops;
            if (corpus_optional_type(mode) || corpus_passthru())
                optional_only();
            corpus_live();
            CORPUS_CHECK(mode);
            asm volatile("call %c0" : : "i" (CORPUS_ADDR()));
            return corpus_register(&mode, &corpus_mei_ops);
        }
        """, context(kernel(6, 1, 0, Map.of())));
    assertFalse(activeReference(f, "corpus_entry", "corpus_simd_ops"), "behind IS_ENABLED() of an option that is off");
    assertFalse(activeReference(f, "corpus_simd_ops", "corpus_simd"), "an object nothing emitted names");
    assertFalse(activeReference(f, "corpus_entry", "corpus_mei_ops"), "an argument the inline function ignores");
    assertTrue(activeReference(f, "corpus_entry", "corpus_register"));
    assertTrue(activeReference(f, "corpus_entry", "corpus_live"));
    List<String> active = f.code().externalUses().stream().filter(ExternalUse::active).map(ExternalUse::name).toList();
    assertFalse(active.contains("simd_only") || active.contains("mei_only") || active.contains("orphan_only")
        || active.contains("optional_only"), active.toString());
    assertTrue(active.contains("live_only") && active.contains("kept_only"), "reached, and kept by __used: " + active);
    assertFalse(active.contains("macro_only"), "named only in the body of a macro nothing expands");
    assertFalse(active.contains("traced_only"), "named in a macro whose expansion drops it: " + active);
    assertTrue(active.contains("asm_only"), "expanded in an asm statement's operands, which kmodlint does not read");
    assertTrue(function(f, "corpus_simd").active(), "the preprocessor keeps the function all the same");
  }

  @Test
  void aMacroTheHeaderIndexFoundToDeclareExpandsFromItsDefinition() throws Exception {
    KernelHeaders headers = new FakeKernelHeaders(Set.of(), Set.of("CORPUS_TREE_DEFINE"),
        "#define CORPUS_TREE_DEFINE(T, PREFIX) static void PREFIX ## _insert(T *n) { } "
            + "static T *PREFIX ## _first(T *root) { return root; }");
    SourceFile f = parse("tree.c", """
        struct node { int x; };
        CORPUS_TREE_DEFINE(struct node, corpus_tree)
        int corpus_use(struct node *n) { corpus_tree_insert(n); return corpus_tree_first(n) != 0; }
        """, new PreprocessorContext(NO_FLAGS, Optional.empty(), Optional.of(headers)));
    assertTrue(function(f, "corpus_tree_insert").definition());
    assertTrue(function(f, "corpus_tree_first").definition());
    assertFalse(externalNames(f).contains("corpus_tree_insert"));
  }

  @Test
  void aSwitchOnAConstantRunsOnlyTheStatementsItsValueSelects() throws Exception {
    SourceFile f = parse("size.c", """
        extern void bad_size(void);
        extern void one(void);
        extern void two(void);
        extern void three(void);
        typedef unsigned long word_t;
        struct regs { u16 port; u64 clocks[2]; word_t w; u8 odd[3]; };
        static struct regs r;
        int corpus_sizes(void)
        {
            switch (sizeof(r.port)) { case 1: one(); break; case 2: two(); case 4: three(); break; default: bad_size(); }
            switch (sizeof(r.clocks[0])) { case 8: break; default: bad_size(); }
            switch (sizeof(r.odd)) { case 1: one(); break; default: three(); }
            switch (sizeof(r.w)) { case 4: break; case 8: break; default: bad_size(); }
            return 0;
        }
        """);
    List<CReference> calls = f.code().references().stream().filter(r -> r.from().equals("corpus_sizes")).toList();
    java.util.function.BiPredicate<String, Integer> active = (to, line) -> calls.stream()
        .anyMatch(r -> r.to().equals(to) && r.position().line() == line && r.active());
    assertTrue(active.test("two", 10) && active.test("three", 10), "case 2 falls through into case 4");
    assertFalse(active.test("one", 10) || active.test("bad_size", 10));
    assertFalse(active.test("bad_size", 11), "u64: case 8");
    assertTrue(active.test("three", 12) && !active.test("one", 12), "3 bytes: the default");
    assertFalse(active.test("bad_size", 13), "a size the architecture decides: taken to match a case");
    assertEquals(List.of("size-unknown"), new CFrontEnd(dir).parse(dir.resolve("size.c"), SourceFile.Kind.C)
        .notifications().stream().map(Notification::id).toList());
  }

  /**
   * Why a header cannot be skipped for a unit once another unit has read it (CDT's indexer
   * hands back only its macros): its declarations decide the unit's facts. bench/notes.md.
   */
  @Test
  void theDeclarationsOfALocalHeaderDecideTheFactsOfTheFileThatIncludesIt() throws Exception {
    Files.writeString(dir.resolve("foo.h"), """
        #ifndef FOO_H
        #define FOO_H
        typedef unsigned long foo_t;
        int __init foo_register(void);
        static inline int foo_enabled(void) { return 0; }
        #endif
        """);
    String main = """
        #include "foo.h"
        int foo_register(void) { return 0; }
        int bar(int n)
        {
        	foo_t (x);
        	if (foo_enabled())
        		helper_call(n);
        	return foo_register();
        }
        """;
    SourceFile read = parse("main.c", main);
    Files.delete(dir.resolve("foo.h"));
    SourceFile unread = parse("main.c", main);
    java.util.function.BiFunction<SourceFile, String, CFunction> definition = (f, n) -> f.code().functions().stream()
        .filter(x -> x.name().equals(n) && x.definition()).findFirst().orElseThrow();
    // the prototype's __init moves the definition to .init.text, as gcc merges attributes
    assertEquals(Section.INIT_TEXT, definition.apply(read, "foo_register").section());
    assertEquals(Section.TEXT, definition.apply(unread, "foo_register").section());
    // the typedef makes "foo_t (x);" a declaration, not a call
    assertFalse(read.code().externalCalls().stream().anyMatch(c -> c.name().equals("foo_t")));
    assertTrue(unread.code().externalCalls().stream().anyMatch(c -> c.name().equals("foo_t")));
    // the header's constant inline function makes the call dead code
    assertFalse(read.code().externalCalls().stream().filter(c -> c.name().equals("helper_call")).findFirst()
        .orElseThrow().active());
    assertTrue(unread.code().externalCalls().stream().filter(c -> c.name().equals("helper_call")).findFirst()
        .orElseThrow().active());
  }
}
