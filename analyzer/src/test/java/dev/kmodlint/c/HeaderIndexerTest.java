package dev.kmodlint.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kmodlint.kernel.HeaderIndex;
import dev.kmodlint.kernel.KernelExports;
import dev.kmodlint.model.NamespaceConventions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeaderIndexerTest {
  @TempDir Path kdir;

  private void write(String rel, String... lines) throws IOException {
    Path p = kdir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, String.join("\n", lines) + "\n");
  }

  /** A kernel in miniature: kconfig.h with autoconf.h, a compiler header, one subsystem header. */
  private HeaderIndex syntheticIndex() throws IOException {
    writeSyntheticKernel();
    return syntheticIndex(kdir, 1);
  }

  private HeaderIndex syntheticIndex(Path kernel, int workers) throws IOException {
    HeaderIndexer.Layout layout = HeaderIndexer.layout(kernel);
    assertEquals(List.of("linux/compiler_types.h", "linux/kconfig.h", "linux/widget.h", "linux/widget_rt.h"),
        layout.headers());
    assertEquals(List.of("asm/widget.h", "asm/widget_2level.h", "asm/widget_32.h", "asm/widget_nb.h", "asm/widget_pae.h"),
        layout.archHeaders());
    HeaderIndexer.Result r = new HeaderIndexer(Duration.ofSeconds(60), 2, workers).index(layout, line -> {});
    assertEquals(List.of(), r.problems());
    assertEquals(3, r.batches());
    // widget_rt.h is only included when CONFIG_WIDGET_RT is set, asm/widget_32.h and asm/widget_pae.h
    // only with CONFIG_X86_32 (that widget_pae.h includes widget_32.h does not count: it is off), and
    // asm/widget_2level.h, which no header of include/ reaches, only by widget_32.h
    assertEquals(4, r.switchedOff());
    KernelExports exports = KernelExports.fromSymvers("synthetic", List.of(kernel.resolve("Module.symvers")), n -> {});
    return HeaderIndex.resolve("synthetic", r.facts(), exports::exports);
  }

  private void writeSyntheticKernel() throws IOException {
    write("include/generated/autoconf.h", "#define CONFIG_X86_64 1", "#define CONFIG_WIDGET_FAST 1");
    write("include/linux/kconfig.h", "#ifndef _KCONFIG_H", "#define _KCONFIG_H", "#include <generated/autoconf.h>", "#endif");
    write("include/linux/compiler_types.h", "#define __always_inline inline __attribute__((__always_inline__))",
        "#define __init __attribute__((__section__(\".init.text\")))");
    write("include/linux/widget.h",
        "#ifndef _WIDGET_H",
        "#define _WIDGET_H",
        "#include <asm/widget.h>",
        "struct module; struct widget_driver { int (*probe)(void); void (*widget_unregister)(void); };",
        "extern struct module __this_module;",
        "#define THIS_MODULE (&__this_module)",
        "extern int __widget_register(struct widget_driver *drv, struct module *owner);",
        "void widget_unregister(struct widget_driver *drv);",
        "extern int widget_internal(void);",
        "extern int widget_count;",
        "#define widget_register(drv) __widget_register(drv, THIS_MODULE)",
        "#define module_driver(__driver, __register, __unregister, ...) \\",
        "static int __init __driver##_init(void) { return __register(&(__driver), ##__VA_ARGS__); } \\",
        "static void __driver##_exit(void) { __unregister(&(__driver), ##__VA_ARGS__); }",
        "#define module_widget_driver(d) module_driver(d, widget_register, widget_unregister)",
        "#define ping(x) pong(x)",
        "#define pong(x) (ping(x) + widget_count)",
        "#define get_unregister(p) ((p)->widget_unregister)",
        "#define widget_name(w) \"widget_unregister\"",
        "void *__wmalloc(int n);",
        "static __always_inline void *wz_inner(int n) { return __wmalloc(n); }",
        "static inline void *wz(int n) { void *p = wz_inner(n); return p; }",
        "static inline int shadowed(int __wmalloc) { return __wmalloc + widget_internal(); }",
        "#ifdef CONFIG_WIDGET_FAST",
        "static inline int widget_speed(void) { return fast_speed(); }",
        "#else",
        "static inline int widget_speed(void) { return slow_speed(); }",
        "#endif",
        "int fast_speed(void); int slow_speed(void);",
        "int gone_a(void); int gone_b(void); int gone_c(void); int gone_d(void); int live_e(void);",
        "extern int asm_counter;",
        "static inline void asm_user(void) { asm volatile(\"incl %[c]\" : [c] \"+m\" (asm_counter)); }",
        "static inline int dead_paths(void) {",
        "  if (0) gone_a();",
        "  if (0b0) gone_a(); /* binary, as gcc reads it */",
        "  do { } while (0 && (gone_b()));",
        "  typeof(gone_d()) x = sizeof(gone_c());",
        "  return (1 == 2) ? gone_a() : x + live_e();",
        "}",
        "#ifdef CONFIG_WIDGET_RT",
        "#include <linux/widget_rt.h>",
        "#else",
        "#define widget_lock(w) plain_widget_lock(w)",
        "#endif",
        "#ifndef CONFIG_WIDGET_FAST",
        "#define widget_flush(w) slow_speed()",
        "#else",
        "#define widget_flush(w) fast_speed()",
        "#endif",
        "int widget_old_style();",
        "extern int widget_printf(const char *fmt, ...);",
        "#define widget_log(fmt, args...) widget_printf(fmt, ##args)",
        "#define WIDGET_INIT(n) { .probe = 0 }",
        "#define DEFINE_WIDGET(n) struct widget_driver n = WIDGET_INIT(n)",
        "#define DECLARE_WIDGET_OPS(n) static inline int n##_op(void) { return 0; } \\",
        "    /* a comment */ static const int n##_count = 1",
        "#define widget_twice(x) ((x) + (x))",
        "#define widget_barrier() __asm__ __volatile__(\"\" : : : \"memory\")",
        "#define __widget_section(s) __attribute__((__section__(s)))",
        "#endif");
    write("include/linux/widget_rt.h", "#define widget_lock(w) rt_widget_lock(w)");
    write("arch/x86/include/asm/widget.h", "#define ARCH_WIDGET 1", "#ifdef CONFIG_X86_32",
        "#include <asm/widget_32.h>", "#include <asm/widget_pae.h>", "#endif");
    write("arch/x86/include/asm/widget_pae.h", "#include <asm/widget_32.h>", "#define widget_width() pae_width()");
    write("arch/x86/include/asm/widget_32.h", "#include <asm/widget_2level.h>", "#define widget_arch_lock(w) lock32(w)");
    write("arch/x86/include/asm/widget_2level.h", "#define widget_level() two_level()");
    // no header of include/ includes it: modules do (as asm/amd_nb.h)
    write("arch/x86/include/asm/widget_nb.h", "static inline int widget_node(void) { return __widget_node_id(); }",
        "int __widget_node_id(void);");
    write("Module.symvers",
        "0x1\t__widget_register\tvmlinux\tEXPORT_SYMBOL_GPL\t",
        "0x2\twidget_unregister\tvmlinux\tEXPORT_SYMBOL_GPL\t",
        "0x3\t__wmalloc\tvmlinux\tEXPORT_SYMBOL\t",
        "0x4\twidget_count\tvmlinux\tEXPORT_SYMBOL_GPL\tWIDGET",
        "0x5\tfast_speed\tvmlinux\tEXPORT_SYMBOL\t",
        "0x6\tslow_speed\tvmlinux\tEXPORT_SYMBOL\t",
        "0x7\tplain_widget_lock\tvmlinux\tEXPORT_SYMBOL\t",
        "0x8\trt_widget_lock\tvmlinux\tEXPORT_SYMBOL\t",
        "0x9\tgone_a\tvmlinux\tEXPORT_SYMBOL\t",
        "0xa\tgone_b\tvmlinux\tEXPORT_SYMBOL\t",
        "0xb\tgone_c\tvmlinux\tEXPORT_SYMBOL\t",
        "0xc\tgone_d\tvmlinux\tEXPORT_SYMBOL\t",
        "0xd\tlive_e\tvmlinux\tEXPORT_SYMBOL\t",
        "0xe\tasm_counter\tvmlinux\tEXPORT_SYMBOL\t",
        "0xf\t__widget_node_id\tvmlinux\tEXPORT_SYMBOL_GPL\t");
  }

  private static byte[] bytes(HeaderIndex idx) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    idx.write(buf);
    return buf.toByteArray();
  }

  /** What a call takes: a function's parameters ({@code (void)} none, {@code ()} unknown), a macro's. */
  @Test
  void recordsHowManyArgumentsCallsTake() throws IOException {
    HeaderIndex idx = syntheticIndex();
    assertEquals("2", idx.arity("__widget_register").orElseThrow().toString(), "extern prototype");
    assertEquals("1", idx.arity("widget_register").orElseThrow().toString(), "function-like macro");
    assertEquals("3+", idx.arity("module_driver").orElseThrow().toString(), "(a, b, c, ...)");
    assertEquals("1+", idx.arity("widget_log").orElseThrow().toString(), "GNU's (fmt, args...)");
    assertEquals("1+", idx.arity("widget_printf").orElseThrow().toString(), "(const char *fmt, ...)");
    assertEquals("1", idx.arity("wz").orElseThrow().toString(), "inline function");
    assertEquals("0", idx.arity("fast_speed").orElseThrow().toString(), "(void)");
    assertEquals("0", idx.arity("widget_barrier").orElseThrow().toString(), "macro()");
    assertFalse(idx.arity("widget_old_style").orElseThrow().known(), "() says nothing");
    assertTrue(idx.arity("widget_count").isEmpty(), "a variable takes no arguments");
    assertTrue(idx.arity("ARCH_WIDGET").isEmpty(), "nor an object-like macro");
    assertTrue(idx.arity("widget_printf").orElseThrow().accepts(3) && !idx.arity("widget_printf").orElseThrow().accepts(0));
  }

  /**
   * The macros that define functions or objects at file scope, found by what the
   * preprocessor expands them to, have their definitions kept (one line, as a preprocessor
   * reads them), with those of the macros they use; the others do not.
   */
  @Test
  void keepsTheDefinitionsOfMacrosThatDefineThings() throws IOException {
    HeaderIndex idx = syntheticIndex();
    assertEquals(Optional.of("#define DEFINE_WIDGET(n) struct widget_driver n = WIDGET_INIT(n)"),
        idx.macroDefinition("DEFINE_WIDGET"));
    assertEquals(Optional.of("#define DECLARE_WIDGET_OPS(n) static inline int n##_op(void) { return 0; }"
        + " static const int n##_count = 1"), idx.macroDefinition("DECLARE_WIDGET_OPS"));
    assertEquals(Optional.of("#define WIDGET_INIT(n) { .probe = 0 }"), idx.macroDefinition("WIDGET_INIT"),
        "used by DEFINE_WIDGET");
    assertTrue(idx.macroDefinition("module_driver").isPresent() && idx.macroDefinition("module_widget_driver").isPresent());
    assertTrue(idx.macroDefinition("__init").isPresent(), "module_driver uses it");
    // widget_register is kept: module_widget_driver expands to it
    assertTrue(idx.macroDefinition("widget_register").isPresent());
    for (String no : List.of("ping", "pong", "get_unregister", "widget_name", "widget_twice",
        "widget_barrier", "__widget_section", "widget_log"))
      assertEquals(Optional.empty(), idx.macroDefinition(no), no);
    assertEquals(Set.of("DEFINE_WIDGET", "DECLARE_WIDGET_OPS", "module_driver", "module_widget_driver"),
        idx.fileScopeDefiningMacros());
    assertTrue(idx.definesAtFileScope("DEFINE_WIDGET") && !idx.definesAtFileScope("WIDGET_INIT"));
    assertTrue(idx.definesMacro("widget_twice") && idx.definesMacro("ARCH_WIDGET") && idx.definesMacro("DEFINE_WIDGET"));
    assertFalse(idx.definesMacro("wz") || idx.definesMacro("widget_count") || idx.definesMacro("no_such_macro"));
  }

  /** Batches run at once on several threads, merged in batch order: the index is the same. */
  @Test
  void theIndexIsTheSameHoweverManyBatchesRunAtOnce() throws IOException {
    writeSyntheticKernel();
    byte[] one = bytes(syntheticIndex(kdir, 1));
    byte[] three = bytes(syntheticIndex(kdir, 3));
    org.junit.jupiter.api.Assertions.assertArrayEquals(one, three);
    assertTrue(one.length > 100);
  }

  /**
   * Ubuntu's linux-headers-R-generic links include/linux and the like into linux-headers-R:
   * CDT reports the real paths, and the headers still have their names (widget_rt.h is still
   * known as off in this configuration).
   */
  @Test
  void headersLinkedFromAnotherTreeKeepTheirNames(@TempDir Path usrSrc) throws IOException {
    writeSyntheticKernel();
    // compiler_types.h included from a header, actively and in a branch that is off: it is not off
    Path widget = kdir.resolve("include/linux/widget.h");
    Files.writeString(widget, Files.readString(widget)
        .replace("#include <asm/widget.h>", "#include <asm/widget.h>\n#include <linux/compiler_types.h>")
        .replace("#include <linux/widget_rt.h>", "#include <linux/widget_rt.h>\n#include <linux/compiler_types.h>"));
    Path common = Files.createDirectories(usrSrc.resolve("linux-headers-9.9.9-1/include"));
    Files.move(kdir.resolve("include/linux"), common.resolve("linux"));
    Files.createSymbolicLink(kdir.resolve("include/linux"), common.resolve("linux"));
    HeaderIndex linked = syntheticIndex(kdir, 2);
    assertEquals(Set.of("plain_widget_lock"), linked.reachedExports("widget_lock"), "not from a header that is off");
    assertEquals(Set.of("__widget_register", "widget_unregister"), linked.reachedExports("module_widget_driver"));
  }

  /** The first pass reads directives only, found where CDT's lexer finds them. */
  @Test
  void directivesAreWhatTheLexerSeesAsDirectives() {
    String text = String.join("\n",
        "/* a comment with",
        "#define IN_COMMENT 1",
        "*/ #define AFTER_COMMENT 1",
        "int x; \\",
        "#define SPLICED_INTO_CODE 1",
        "#define MULTI(a) \\",
        "  ((a) + 1)",
        "#define SPANS 1 /* a comment",
        "  over lines */ + 2",
        "char *s = \"/*\"; #define NOT_FIRST 1",
        "#include <linux//odd.h>",
        "static inline int f(void) { return 0; }",
        "  # if defined(X) // why",
        "#endif",
        "");
    String d = HeaderIndexer.directivesOnly(text);
    assertFalse(d.contains("IN_COMMENT") || d.contains("SPLICED_INTO_CODE") || d.contains("NOT_FIRST"), d);
    assertFalse(d.contains("int x") || d.contains("static inline") || d.contains("char *s"), d);
    assertTrue(d.contains("#define AFTER_COMMENT 1\n"), d);
    assertTrue(d.contains("#define MULTI(a) \\\n  ((a) + 1)\n"), d);
    assertTrue(d.contains("#define SPANS 1 /* a comment\n  over lines */ + 2\n"), d);
    assertTrue(d.contains("#include <linux//odd.h>\n"), d);
    assertTrue(d.contains("# if defined(X) // why\n#endif\n"), d);
  }

  @Test
  void followsMacroChainsAndInlineCallsToExports() throws IOException {
    HeaderIndex idx = syntheticIndex();
    assertEquals(Set.of("__widget_register"), idx.reachedExports("widget_register"));
    assertEquals(Set.of("__widget_register", "widget_unregister"), idx.reachedExports("module_widget_driver"));
    assertEquals(Set.of("__wmalloc"), idx.reachedExports("wz"), "inline -> inline -> export");
    assertEquals(HeaderIndex.Kind.HEADER_FUNCTION, idx.lookup("wz").orElseThrow().kind());
    assertEquals(HeaderIndex.Kind.FUNCTION_MACRO, idx.lookup("module_widget_driver").orElseThrow().kind());
    assertEquals(Set.of("fast_speed"), idx.reachedExports("widget_speed"), "only the configured branch");
    assertEquals(Set.of("plain_widget_lock"), idx.reachedExports("widget_lock"), "not from a header that is off");
    assertEquals(Set.of("fast_speed"), idx.reachedExports("widget_flush"), "not from a #define that is off");
  }

  @Test
  void macroCyclesEndAndNonSymbolsAreNotReached() throws IOException {
    HeaderIndex idx = syntheticIndex();
    assertEquals(Set.of("widget_count"), idx.reachedExports("ping"));
    assertEquals(Set.of("widget_count"), idx.reachedExports("pong"));
    assertEquals(Set.of(), idx.reachedExports("get_unregister"), "a member name is not a symbol");
    assertEquals(Set.of(), idx.reachedExports("widget_name"), "nor is a string");
    assertEquals(Set.of(), idx.reachedExports("shadowed"), "a parameter shadows the export");
    assertEquals(Set.of("live_e"), idx.reachedExports("dead_paths"), "code the compiler drops references nothing");
    assertEquals(Set.of("asm_counter"), idx.reachedExports("asm_user"), "asm operands reference symbols");
  }

  @Test
  void recordsExternDeclarationsExportedOrNot() throws IOException {
    HeaderIndex idx = syntheticIndex();
    assertTrue(idx.declaredExtern("widget_internal"), "declared, though not exported");
    assertTrue(idx.declaredExtern("widget_unregister"), "a prototype without extern is extern too");
    assertEquals(HeaderIndex.Kind.EXTERN_VARIABLE, idx.lookup("widget_count").orElseThrow().kind());
    assertFalse(idx.declaredExtern("wz"));
    assertFalse(idx.declaredExtern("no_such_function"));
    // kept so that a call to it is known as a header name, not as a function declared nowhere
    assertEquals(HeaderIndex.Kind.OBJECT_MACRO, idx.lookup("ARCH_WIDGET").orElseThrow().kind());
    assertTrue(idx.reachedExports("ARCH_WIDGET").isEmpty());
  }

  /** A kernel of two headers and a third that imports a namespace itself, its export and import macros as given. */
  private HeaderIndex namespaceKernel(Path dir, String exportH, String importNs) throws IOException {
    Path keep = kdir;
    kdir = dir;
    try {
      write("include/generated/autoconf.h", "#define CONFIG_X86_64 1", "#define CONFIG_MODULES 1");
      write("include/linux/kconfig.h", "#include <generated/autoconf.h>");
      write("include/linux/stringify.h", "#define __stringify_1(x...) #x", "#define __stringify(x...) __stringify_1(x)");
      write("include/linux/export.h", "#include <linux/stringify.h>", exportH);
      write("include/linux/module.h", "#include <linux/export.h>",
          "#define MODULE_INFO(tag, info) static const char __UNIQUE_ID_##tag##1[] = __stringify(tag) \"=\" info",
          "#define MODULE_IMPORT_NS(ns) MODULE_INFO(import_ns, " + importNs + ")");
      write("include/linux/gadget.h", "#include <linux/module.h>", "MODULE_IMPORT_NS(" + (importNs.equals("ns")
          ? "\"GADGET\"" : "GADGET") + ");", "void gadget_get(void);");
      write("Module.symvers", "0x1\tgadget_get\tvmlinux\tEXPORT_SYMBOL_GPL\tGADGET");
      HeaderIndexer.Result r = new HeaderIndexer(Duration.ofSeconds(60), 10, 1).index(HeaderIndexer.layout(dir), l -> {});
      assertEquals(List.of(), r.problems());
      HeaderIndex idx = HeaderIndex.resolve("ns", r.facts(), n -> true);
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      idx.write(buf);
      return HeaderIndex.read(new ByteArrayInputStream(buf.toByteArray()));
    } finally {
      kdir = keep;
    }
  }

  /**
   * How the headers take namespaces is asked of their preprocessor: 6.1 stringifies
   * DEFAULT_SYMBOL_NAMESPACE into the assembler's string, 6.12.117 hands it to the assembler as it
   * is (so it must be a string); MODULE_IMPORT_NS stringifies up to 6.12, takes a string in 6.13.
   * A header's own MODULE_IMPORT_NS is kept under its include name. Kept through writing and reading.
   */
  @Test
  void recordsTheFormsOfNamespacesTheHeadersTake(@TempDir Path old, @TempDir Path newer) throws IOException {
    HeaderIndex v61 = namespaceKernel(old, String.join("\n",
        "#define ___EXPORT_SYMBOL(sym, sec, ns) asm(\"\\t.asciz \\\"\" ns \"\\\"\\n\")",
        "#ifdef DEFAULT_SYMBOL_NAMESPACE",
        "#define _EXPORT_SYMBOL(sym, sec) ___EXPORT_SYMBOL(sym, sec, __stringify(DEFAULT_SYMBOL_NAMESPACE))",
        "#else",
        "#define _EXPORT_SYMBOL(sym, sec) ___EXPORT_SYMBOL(sym, sec, \"\")",
        "#endif",
        "#define EXPORT_SYMBOL(sym) _EXPORT_SYMBOL(sym, \"\")"), "__stringify(ns)");
    assertEquals(NamespaceConventions.Form.TOKEN, v61.namespaces().defaultNamespace());
    assertEquals(NamespaceConventions.Form.TOKEN, v61.namespaces().importNamespace());
    assertEquals(Map.of("linux/gadget.h", Set.of("GADGET")), v61.namespaces().headerImports());
    HeaderIndex v613 = namespaceKernel(newer, String.join("\n",
        "#define ___EXPORT_SYMBOL(sym, license, ns...) .section \".export_symbol\" ; .ascii ns \"\\0\" ; .previous",
        "#define __EXPORT_SYMBOL(sym, license, ns) asm(__stringify(___EXPORT_SYMBOL(sym, license, ns)))",
        "#ifdef DEFAULT_SYMBOL_NAMESPACE",
        "#define _EXPORT_SYMBOL(sym, license) __EXPORT_SYMBOL(sym, license, DEFAULT_SYMBOL_NAMESPACE)",
        "#else",
        "#define _EXPORT_SYMBOL(sym, license) __EXPORT_SYMBOL(sym, license, \"\")",
        "#endif",
        "#define EXPORT_SYMBOL(sym) _EXPORT_SYMBOL(sym, \"\")"), "ns");
    assertEquals(NamespaceConventions.Form.STRING, v613.namespaces().defaultNamespace());
    assertEquals(NamespaceConventions.Form.STRING, v613.namespaces().importNamespace());
    assertTrue(v613.namespaces().importedByHeaders("GADGET"));
    assertFalse(v613.namespaces().importedByHeaders("PWM"));
  }

  @Test
  void anIndexOfAFormerFormatIsMadeAgain() throws IOException {
    // format 3 lacks the header names and the asm/ headers: reading it would check less than a new one
    for (String former : List.of("# kmodlint header index 2\tr\t1\t0\ne f 1\n", "# kmodlint header index 3\tr\t1\t0\ne f 1\n")) {
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (var out = new java.util.zip.GZIPOutputStream(gz)) {
        out.write(former.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
          () -> HeaderIndex.read(new ByteArrayInputStream(gz.toByteArray())));
      assertTrue(e.getMessage().contains("older format"), e.getMessage());
    }
  }

  @Test
  void readsTheArchitecturesAsmHeadersAndKnowsEveryHeaderName() throws IOException {
    HeaderIndex idx = syntheticIndex();
    assertEquals(Set.of("__widget_node_id"), idx.reachedExports("widget_node"), "asm/widget_nb.h, which only modules include");
    assertTrue(idx.definesMacro("ARCH_WIDGET"));
    assertFalse(idx.definesMacro("widget_width"), "asm/widget_pae.h is off on x86_64");
    assertFalse(idx.definesMacro("widget_arch_lock"), "asm/widget_32.h too");
    assertFalse(idx.definesMacro("widget_level"), "asm/widget_2level.h, included only by what is off");
    for (String h : List.of("linux/widget.h", "linux/widget_rt.h", "generated/autoconf.h", "asm/widget_nb.h",
        "asm/widget_32.h", "linux//widget.h", "./linux/widget.h"))
      assertEquals(Optional.of(true), idx.hasHeader(h), h);
    for (String h : List.of("linux/dma-buf.h", "asm/amd_nb.h", "widget.h"))
      assertEquals(Optional.of(false), idx.hasHeader(h), h);
    assertEquals(Optional.empty(), idx.hasHeader("../include/linux/widget.h"), "a name kmodlint does not judge");
    assertEquals(Optional.empty(), HeaderIndex.empty("none").hasHeader("linux/widget.h"), "an index without header names");
  }

  @Test
  void indexSurvivesWritingAndReading() throws IOException {
    HeaderIndex idx = syntheticIndex();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    idx.write(buf);
    HeaderIndex back = HeaderIndex.read(new ByteArrayInputStream(buf.toByteArray()));
    assertEquals(idx.size(), back.size());
    assertEquals("synthetic", back.release());
    for (String n : List.of("module_widget_driver", "wz", "ping", "widget_internal"))
      assertEquals(idx.lookup(n), back.lookup(n));
    assertEquals(idx.macroDefinitions(), back.macroDefinitions());
    assertEquals(idx.fileScopeDefiningMacros(), back.fileScopeDefiningMacros());
    assertEquals(idx.arity("widget_log"), back.arity("widget_log"));
    assertEquals(idx.headerNames(), back.headerNames());
    assertTrue(back.headerNames().contains("asm/widget_nb.h"), back.headerNames().toString());
    assertEquals(idx.macroFingerprint(), back.macroFingerprint());
  }

  @Test
  void layoutRejectsWhatIsNoKernelOrNoX86() throws IOException {
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> HeaderIndexer.layout(kdir));
    assertTrue(e.getMessage().contains("not a kernel build directory"), e.getMessage());
    write("include/linux/kconfig.h", "");
    write("include/generated/autoconf.h", "#define CONFIG_ARM64 1");
    e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> HeaderIndexer.layout(kdir));
    assertTrue(e.getMessage().contains("not an x86_64 kernel"), e.getMessage());
  }

  /** The installed Debian headers, when there are some. */
  private static Path debianHeaders() throws IOException {
    Path src = Path.of("/usr/src");
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(src)) {
      try (Stream<Path> s = Files.list(src)) {
        s.filter(p -> p.getFileName().toString().matches("linux-headers-6\\.1\\.0-\\d+-amd64")).sorted().forEach(found::add);
      }
    }
    if (found.isEmpty()) {
      String why = "no /usr/src/linux-headers-6.1.0-*-amd64 (Debian's linux-headers-amd64): real-header cases not checked";
      if ("1".equals(System.getenv("KMODLINT_REQUIRE_ORACLES"))) fail(why);
      assumeTrue(false, why);
    }
    return found.get(found.size() - 1);
  }

  @Test
  void realHeadersReachWhatModpostSees() throws IOException {
    Path headers = debianHeaders();
    HeaderIndexer.Layout all = HeaderIndexer.layout(headers);
    assertTrue(all.headers().size() > 3000, "headers: " + all.headers().size());
    HeaderIndexer.Layout some = new HeaderIndexer.Layout(all.buildDir(), all.sourceDir(), all.includePath(),
        List.of("linux/platform_device.h", "linux/i2c.h", "linux/slab.h", "linux/debugfs.h"));
    HeaderIndexer.Result r = new HeaderIndexer(Duration.ofSeconds(120), 10).index(some, line -> {});
    assertEquals(List.of(), r.problems());
    KernelExports exports = KernelExports.fromSymvers("debian", List.of(headers.resolve("Module.symvers")), n -> {});
    assertRealCases(HeaderIndex.resolve("debian", r.facts(), exports::exports), exports);
  }

  @Test
  void embeddedIndexHasTheRealCases() throws IOException {
    debianHeaders();
    HeaderIndex idx = HeaderIndex.embedded();
    assertTrue(idx.release().matches("6\\.1\\.0-\\d+-amd64"), idx.release());
    assertTrue(idx.size() > 50000, "entries: " + idx.size());
    assertRealCases(idx, KernelExports.embedded());
    // arch/x86/include/asm/amd_nb.h, which modules include and no header of include/ does
    assertEquals(HeaderIndex.Kind.HEADER_FUNCTION, idx.lookup("amd_pci_dev_to_node_id").orElseThrow().kind());
  }

  private static void assertRealCases(HeaderIndex idx, KernelExports exports) {
    assertEquals(Set.of("__platform_driver_register", "platform_driver_unregister"),
        idx.reachedExports("module_platform_driver"));
    assertEquals(Set.of("__platform_driver_register"), idx.reachedExports("platform_driver_register"));
    assertEquals(Set.of("i2c_register_driver"), idx.reachedExports("i2c_add_driver"));
    assertEquals(Set.of("i2c_register_driver", "i2c_del_driver"), idx.reachedExports("module_i2c_driver"));
    Set<String> kzalloc = idx.reachedExports("kzalloc");
    assertTrue(kzalloc.containsAll(Set.of("__kmalloc", "kmalloc_trace")), kzalloc.toString());
    assertTrue(kzalloc.stream().noneMatch(s -> exports.lookup(s).orElseThrow().gplOnly()), kzalloc.toString());
    assertTrue(idx.declaredExtern("debugfs_create_dir"));
    assertTrue(idx.reachedExports("debugfs_create_dir").isEmpty());
    assertTrue(exports.lookup("debugfs_create_dir").orElseThrow().gplOnly());
    for (String h : List.of("linux/dma-buf.h", "asm/amd_nb.h", "generated/autoconf.h", "uapi/linux/types.h",
        "linux/types.h", "asm/unistd_64.h"))
      assertEquals(Optional.of(true), idx.hasHeader(h), h);
    assertEquals(Optional.of(false), idx.hasHeader("linux/kmodlint-no-such-header.h"));
  }
}
