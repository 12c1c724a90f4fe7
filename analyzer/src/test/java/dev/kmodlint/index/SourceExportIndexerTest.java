package dev.kmodlint.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.kernel.SourceExports;
import dev.kmodlint.kernel.SourceExports.Kind;
import dev.kmodlint.kernel.SourceExports.SourceExport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exports of a kernel source tree in miniature, with the configurations and architectures that build them. */
class SourceExportIndexerTest {
  @TempDir Path tree;

  private void write(String rel, String... lines) throws IOException {
    Path p = tree.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, String.join("\n", lines) + "\n");
  }

  private SourceExports miniTree() throws IOException {
    write("Kbuild", "obj-y += drivers/", "obj-$(CONFIG_NET) += net/", "obj-y += arch/$(SRCARCH)/");
    write("Makefile", "libs-y := lib/", "core-y :=");
    write("drivers/Makefile", "obj-$(CONFIG_IIO) += iio/", "obj-$(CONFIG_X86) += platform/");
    write("drivers/iio/Makefile",
        "obj-$(CONFIG_ADI_AXI_ADC) += adi-axi-adc.o",
        "obj-$(CONFIG_FOO) += foo.o",
        "foo-y := foo-core.o",
        "foo-$(CONFIG_FOO_EXTRA) += foo-extra.o",
        "obj-y += uses-wrapper.o");
    write("drivers/iio/adi-axi-adc.c",
        "#include <linux/module.h>",
        "/* EXPORT_SYMBOL(in_a_comment); */",
        "#define EXPORT_MINE(n) EXPORT_SYMBOL(n)",
        "int adi_axi_adc_conv_priv;",
        "EXPORT_SYMBOL_NS_GPL(adi_axi_adc_conv_priv, IIO_ADI_AXI);",
        "EXPORT_SYMBOL(plain_one);",
        "EXPORT_SYMBOL_NS(string_ns, \"STRNS\");",
        "EXPORT_TRACEPOINT_SYMBOL_GPL(9p_fid_ref);");
    write("drivers/iio/foo-core.c", "EXPORT_SYMBOL_GPL(foo_core_fn);");
    write("drivers/iio/foo-extra.c", "EXPORT_SYMBOL(foo_extra_fn);");
    write("drivers/iio/unbuilt.c", "EXPORT_SYMBOL(unbuilt_fn);");
    write("drivers/iio/local.h", "#define MY_EXPORT(s) EXPORT_SYMBOL_NS_GPL(s, MYNS)");
    write("drivers/iio/uses-wrapper.c", "#include \"local.h\"", "MY_EXPORT(wrapped_fn);");
    write("drivers/platform/Makefile", "obj-m += x86thing.o");
    write("drivers/platform/x86thing.c", "EXPORT_SYMBOL_GPL(x86_platform_fn);");
    write("lib/Makefile", "obj-y += string.o");
    write("lib/string.c", "EXPORT_SYMBOL(strlcpy);");
    write("net/Makefile", "ccflags-y += -DDEFAULT_SYMBOL_NAMESPACE=NETNS", "obj-y += core.o own.o");
    write("net/core.c", "EXPORT_SYMBOL(net_fn);");
    write("net/own.c", "#define DEFAULT_SYMBOL_NAMESPACE \"OWNNS\"", "EXPORT_SYMBOL_GPL(own_fn);");
    write("arch/arm64/Kbuild", "obj-y += kernel/");
    write("arch/arm64/Makefile", "libs-y += arch/arm64/lib/", "drivers-$(CONFIG_PCI) += arch/arm64/pci/");
    write("arch/arm64/kernel/Makefile", "obj-y += entry.o");
    write("arch/arm64/kernel/entry.S",
        "#include <linux/linkage.h>",
        "SYM_FUNC_START(arm64_fn)",
        "  ret",
        "SYM_FUNC_END(arm64_fn)",
        "EXPORT_SYMBOL(arm64_fn)",
        "SYM_FUNC_START_LOCAL(local_fn)",
        "SYM_FUNC_END(local_fn)",
        "SYM_CODE_START(code_fn)",
        "SYM_CODE_END(code_fn)",
        "SYM_TYPED_FUNC_START(typed_fn)",
        "SYM_INNER_LABEL(inner_fn, SYM_L_GLOBAL)",
        "SYM_INNER_LABEL(inner_local, SYM_L_LOCAL)",
        "ENTRY(old_entry)",
        "  .globl glob_a, glob_b",
        ".macro m name",
        "  .globl \\name",
        ".endm");
    write("arch/arm64/lib/Makefile", "lib-y += memcpy.o");
    write("arch/arm64/lib/memcpy.S", "SYM_FUNC_START(memcpy)", "SYM_FUNC_END(memcpy)", "EXPORT_SYMBOL(memcpy)");
    write("arch/arm64/pci/Makefile", "obj-y += pci.o");
    write("arch/arm64/pci/pci.c", "EXPORT_SYMBOL(arm64_pci_fn);");
    write("tools/lib/x.c", "EXPORT_SYMBOL(not_the_kernel);");
    return SourceExportIndexer.index(tree, "mini 1.0");
  }

  private static SourceExport only(SourceExports s, String symbol) {
    List<SourceExport> all = s.all(symbol);
    assertEquals(1, all.size(), symbol + ": " + all);
    return all.get(0);
  }

  @Test
  void exportsHaveTheGatesOfTheirObjectAndOfTheDirectoriesAboveIt() throws IOException {
    SourceExports s = miniTree();
    SourceExport adi = only(s, "adi_axi_adc_conv_priv");
    assertEquals("drivers/iio/adi-axi-adc.c", adi.file());
    assertEquals("drivers/iio/adi-axi-adc.o", adi.object());
    assertEquals("drivers/iio/adi-axi-adc", adi.module());
    assertTrue(adi.gplOnly());
    assertEquals("IIO_ADI_AXI", adi.namespace());
    assertEquals(List.of(Set.of("CONFIG_ADI_AXI_ADC", "CONFIG_IIO")), adi.gates());
    assertEquals("", adi.architecture());
    assertEquals("STRNS", only(s, "string_ns").namespace(), "a string namespace");
    assertEquals(List.of(Set.of("CONFIG_FOO", "CONFIG_IIO")), only(s, "foo_core_fn").gates());
    assertEquals(List.of(Set.of("CONFIG_FOO", "CONFIG_FOO_EXTRA", "CONFIG_IIO")), only(s, "foo_extra_fn").gates(),
        "a composite part of its own config");
    assertEquals("drivers/iio/foo", only(s, "foo_extra_fn").module());
    assertFalse(only(s, "unbuilt_fn").listed(), "no Makefile builds it");
    assertEquals(List.of(Set.of()), only(s, "strlcpy").gates(), "lib/ is always built");
    assertEquals("", only(s, "strlcpy").module(), "built in");
  }

  @Test
  void everyFormOfExportIsRead() throws IOException {
    SourceExports s = miniTree();
    for (String sym : List.of("__tracepoint_9p_fid_ref", "__traceiter_9p_fid_ref", "__SCK__tp_func_9p_fid_ref"))
      assertTrue(only(s, sym).gplOnly(), sym);
    assertEquals("MYNS", only(s, "wrapped_fn").namespace(), "the tree's own export macro");
    assertTrue(s.all("n").isEmpty() && s.all("in_a_comment").isEmpty(), "in a #define or a comment: no export");
    assertTrue(s.all("not_the_kernel").isEmpty(), "tools/ is not the kernel");
    assertEquals("NETNS", only(s, "net_fn").namespace(), "-DDEFAULT_SYMBOL_NAMESPACE= of the Makefile");
    assertEquals("OWNNS", only(s, "own_fn").namespace(), "the file's own #define");
    assertEquals(List.of(Set.of("CONFIG_NET")), only(s, "net_fn").gates());
  }

  @Test
  void architecturesComeFromArchPathsAndArchGates() throws IOException {
    SourceExports s = miniTree();
    SourceExport arm = only(s, "arm64_fn");
    assertEquals("arm64", arm.architecture());
    assertTrue(arm.assembler());
    assertEquals(Kind.EXPORT, arm.kind());
    assertEquals(List.of(Set.of()), arm.gates());
    assertEquals("arm64", only(s, "memcpy").architecture());
    assertTrue(only(s, "memcpy").listed(), "libs-y of arch/arm64/Makefile");
    assertEquals(List.of(Set.of("CONFIG_PCI")), only(s, "arm64_pci_fn").gates(), "drivers-$(CONFIG_PCI) of arch/arm64/Makefile");
    assertEquals("x86", only(s, "x86_platform_fn").architecture(), "obj-$(CONFIG_X86) += platform/");
    assertEquals(List.of(Set.of("CONFIG_X86")), only(s, "x86_platform_fn").gates());
  }

  @Test
  void assemblerGlobalsAreRecordedAndLocalsAreNot() throws IOException {
    SourceExports s = miniTree();
    for (String g : List.of("code_fn", "typed_fn", "inner_fn", "old_entry", "glob_a", "glob_b")) {
      SourceExport e = only(s, g);
      assertEquals(Kind.ASSEMBLER_DEFINITION, e.kind(), g);
      assertTrue(s.definedInAssembler(g), g);
      assertTrue(s.lookup(g).isEmpty(), "defined, not exported: " + g);
    }
    for (String l : List.of("local_fn", "inner_local", "\\name", "name")) assertTrue(s.all(l).isEmpty(), l);
    assertTrue(s.definedInAssembler("arm64_fn"), "an exported assembler function");
  }

  @Test
  void theTableSurvivesWritingAndReading() throws IOException {
    SourceExports s = miniTree();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    s.write(buf);
    SourceExports back = SourceExports.read(new ByteArrayInputStream(buf.toByteArray()));
    assertEquals(s.lines(), back.lines());
    assertEquals(s.size(), back.size());
    assertEquals("mini 1.0", back.release());
    for (String sym : List.of("adi_axi_adc_conv_priv", "foo_extra_fn", "arm64_fn", "glob_a", "unbuilt_fn"))
      assertEquals(s.all(sym), back.all(sym), sym);
  }
}
