package dev.kmodlint.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.HeaderFacts;
import dev.kmodlint.model.Notification;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelExportsTest {
  @TempDir Path tmp;

  private Path symvers(String name, String... lines) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, String.join("\n", lines) + "\n");
    return p;
  }

  @Test
  void readsSymversWithNamespacesAndReportsTheFirstMalformedLine() throws IOException {
    Path f = symvers("Module.symvers",
        "0x4c9d28b0\tphys_base\tvmlinux\tEXPORT_SYMBOL\t",
        "0x84b45156\tinsert_resource_expand_to_fit\tvmlinux\tEXPORT_SYMBOL_GPL\tCXL",
        "0x12345678\tusb_stor_probe1\tdrivers/usb/storage/usb-storage\tEXPORT_SYMBOL_NS_GPL\tUSB_STORAGE",
        "garbage without tabs",
        "0xdeadbeef\tno_type_column\tvmlinux",
        "",
        "0x00000001\told_format\tvmlinux\tEXPORT_SYMBOL");
    List<Notification> notes = new ArrayList<>();
    KernelExports e = KernelExports.fromSymvers("test", List.of(f), notes::add);
    assertEquals(4, e.size());
    assertEquals(new KernelExports.Export("phys_base", "vmlinux", false, ""), e.lookup("phys_base").orElseThrow());
    assertEquals(new KernelExports.Export("insert_resource_expand_to_fit", "vmlinux", true, "CXL"),
        e.lookup("insert_resource_expand_to_fit").orElseThrow());
    KernelExports.Export ns = e.lookup("usb_stor_probe1").orElseThrow();
    assertTrue(ns.gplOnly());
    assertEquals("USB_STORAGE", ns.namespace());
    assertEquals("drivers/usb/storage/usb-storage", ns.module());
    assertEquals("", e.lookup("old_format").orElseThrow().namespace());
    assertFalse(e.exports("no_type_column"));
    assertEquals(1, notes.size(), notes.toString());
    assertEquals("symvers-malformed", notes.get(0).id());
    assertEquals(4, notes.get(0).position().orElseThrow().line());
  }

  @Test
  void readsTheNamespaceThirdLayoutOfKernels54And55() throws IOException {
    Path f = symvers("Module.symvers",
        "0x1\tusb_stor_probe1\tUSB_STORAGE\tdrivers/usb/storage/usb-storage\tEXPORT_SYMBOL_GPL",
        "0x2\tprintk\t\tvmlinux\tEXPORT_SYMBOL");
    List<Notification> notes = new ArrayList<>();
    KernelExports e = KernelExports.fromSymvers("5.4", List.of(f), notes::add);
    assertEquals(List.of(), notes);
    assertEquals(new KernelExports.Export("usb_stor_probe1", "drivers/usb/storage/usb-storage", true, "USB_STORAGE"),
        e.lookup("usb_stor_probe1").orElseThrow());
    assertEquals(new KernelExports.Export("printk", "vmlinux", false, ""), e.lookup("printk").orElseThrow());
  }

  @Test
  void laterSymversFilesWinAndExtraExportsAddUp() throws IOException {
    Path kernel = symvers("kernel.symvers", "0x1\tshared\tvmlinux\tEXPORT_SYMBOL\t", "0x2\tonly_kernel\tvmlinux\tEXPORT_SYMBOL_GPL\t");
    Path mine = symvers("mine.symvers", "0x3\tshared\tmy/mod\tEXPORT_SYMBOL_GPL\t", "0x4\tmine\tmy/mod\tEXPORT_SYMBOL\t");
    KernelExports both = KernelExports.fromSymvers("k", List.of(kernel, mine), n -> {});
    assertEquals("my/mod", both.lookup("shared").orElseThrow().module());
    KernelExports plus = KernelExports.fromSymvers("k", List.of(kernel), n -> {})
        .plus(KernelExports.fromSymvers("m", List.of(mine), n -> {}));
    assertEquals(3, plus.size());
    assertTrue(plus.lookup("shared").orElseThrow().gplOnly());
    assertEquals("k", plus.release());
  }

  @Test
  void writtenDatabaseReadsBackWithoutCrcs() throws IOException {
    Path f = symvers("Module.symvers", "0x1\ta\tvmlinux\tEXPORT_SYMBOL\t", "0x2\tb\tm/x\tEXPORT_SYMBOL_GPL\tNS");
    KernelExports e = KernelExports.fromSymvers("Some kernel (1.2-3)", List.of(f), n -> {});
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    e.write(buf);
    KernelExports back = KernelExports.read(new ByteArrayInputStream(buf.toByteArray()));
    assertEquals("Some kernel (1.2-3)", back.release());
    assertEquals(e.lookup("b"), back.lookup("b"));
    assertEquals(e.lookup("a"), back.lookup("a"));
    assertThrows(IOException.class, () -> KernelExports.read(new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b})));
  }

  @Test
  void embeddedDatabaseIsDebian61AndNamesItsRelease() {
    KernelExports.Header h = KernelExports.embeddedHeader();
    assertTrue(h.release().matches("Debian linux-headers 6\\.1\\.0-\\d+-amd64 \\(6\\.1\\.\\d+-\\d+\\)"), h.release());
    KernelExports e = KernelExports.embedded();
    assertEquals(h.count(), e.size());
    assertTrue(e.size() > 20000, "exports: " + e.size());
    assertTrue(e.lookup("debugfs_create_dir").orElseThrow().gplOnly());
    assertTrue(e.lookup("__platform_driver_register").orElseThrow().gplOnly());
    assertFalse(e.lookup("__kmalloc").orElseThrow().gplOnly());
    assertFalse(e.lookup("i2c_register_driver").orElseThrow().gplOnly());
    assertEquals("vmlinux", e.lookup("printk").map(KernelExports.Export::module).orElse(e.lookup("_printk").orElseThrow().module()));
    assertTrue(e.lookup("insert_resource_expand_to_fit").orElseThrow().namespace().equals("CXL"));
  }

  @Test
  void databaseIsReadOnlyWhenAskedAndSaysWhichKernelItAssumed() throws IOException {
    Path extra = symvers("extra.symvers", "0x1\tmy_helper\tmy/helper\tEXPORT_SYMBOL_GPL\t");
    KernelDatabase db = KernelDatabase.embedded(KernelExports.fromSymvers(extra.toString(), List.of(extra), n -> {}));
    String before = db.notifications().get(0).message();
    assertTrue(before.startsWith("assumed kernel exports: Debian linux-headers 6.1.0-"), before);
    assertTrue(before.matches(".*, \\d{5} symbols, plus 1 from .*extra\\.symvers$"), before);
    assertTrue(db.exports().lookup("my_helper").orElseThrow().gplOnly());
    assertTrue(db.exports().exports("debugfs_create_dir"));
    assertFalse(db.headers().reachedExports("kzalloc").isEmpty());
    assertEquals(Set.of("__platform_driver_register", "platform_driver_unregister"),
        db.exportsUsedBy("module_platform_driver"));
    assertEquals(Set.of("debugfs_create_dir"), db.exportsUsedBy("debugfs_create_dir"));
    assertEquals(Set.of("my_helper"), db.exportsUsedBy("my_helper"));
    assertEquals(Set.of(), db.exportsUsedBy("no_such_api"));
    String after = db.notifications().get(0).message();
    assertTrue(after.contains("; header index: "), after);
    assertEquals("kernel-database", db.notifications().get(0).id());
  }

  @Test
  void buildDirectoryWithoutItsOwnIndexSaysSo() throws IOException {
    Path kdir = Files.createDirectories(tmp.resolve("build"));
    Files.createDirectories(kdir.resolve("include/generated"));
    Files.writeString(kdir.resolve("include/generated/utsrelease.h"), "#define UTS_RELEASE \"9.9.9-test\"\n");
    Files.writeString(kdir.resolve("Module.symvers"), "0x1\tk_sym\tvmlinux\tEXPORT_SYMBOL_GPL\t\nbroken\n");
    KernelDatabase db = KernelDatabase.buildDirectory(kdir, tmp.resolve("cache"), KernelExports.empty(""));
    assertTrue(db.description().contains("(9.9.9-test)"), db.description());
    assertTrue(db.exports().lookup("k_sym").orElseThrow().gplOnly());
    assertTrue(db.headers().reachedExports("kzalloc").isEmpty(), "the 6.1 index is not this kernel's");
    List<String> ids = db.notifications().stream().map(Notification::id).toList();
    assertTrue(ids.containsAll(List.of("kernel-database", "kernel-header-index-missing", "symvers-malformed")), ids.toString());
    assertTrue(db.notifications().stream().anyMatch(n -> n.message().contains(", 1 symbol;")),
        db.notifications().toString());
    assertThrows(IOException.class, () -> KernelDatabase.buildDirectory(tmp, tmp, KernelExports.empty("")));
  }

  @Test
  void buildDirectoryUsesTheIndexMadeForItsRelease() throws IOException {
    Path kdir = Files.createDirectories(tmp.resolve("build"));
    Files.createDirectories(kdir.resolve("include/generated"));
    Files.writeString(kdir.resolve("include/generated/utsrelease.h"), "#define UTS_RELEASE \"9.9.9-test\"\n");
    Files.writeString(kdir.resolve("Module.symvers"), "0x1\t__thing_add\tvmlinux\tEXPORT_SYMBOL_GPL\t\n");
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    HeaderFacts facts = new HeaderFacts(java.util.Map.of("thing_add", Set.of("__thing_add", "x")), Set.of("thing_add"),
        java.util.Map.of(), Set.of("__thing_add"), Set.of());
    try (var out = Files.newOutputStream(KernelDatabase.indexFile(cache, kdir))) {
      HeaderIndex.resolve("9.9.9-test", facts, "__thing_add"::equals).write(out);
    }
    KernelDatabase db = KernelDatabase.buildDirectory(kdir, cache, KernelExports.empty(""));
    assertEquals(Set.of("__thing_add"), db.headers().reachedExports("thing_add"));
    assertTrue(db.headers().declaredExtern("__thing_add"));
    assertTrue(db.notifications().stream().noneMatch(n -> n.id().equals("kernel-header-index-missing")));
  }

  @Test
  void aCorruptCachedIndexIsAWarningNotAFailure() throws IOException {
    Path kdir = Files.createDirectories(tmp.resolve("build"));
    Files.createDirectories(kdir.resolve("include/generated"));
    Files.writeString(kdir.resolve("include/generated/utsrelease.h"), "#define UTS_RELEASE \"9.9.9-test\"\n");
    Files.writeString(kdir.resolve("Module.symvers"), "");
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Files.writeString(KernelDatabase.indexFile(cache, kdir), "not gzip");
    KernelDatabase db = KernelDatabase.buildDirectory(kdir, cache, KernelExports.empty(""));
    assertEquals(0, db.headers().size());
    assertTrue(db.notifications().stream().anyMatch(n -> n.id().equals("kernel-header-index-unreadable")),
        db.notifications().toString());
  }

  @Test
  void pointReleasesOfOneSeriesAreTheSameSeries() {
    assertTrue(KernelDatabase.sameSeries("6.1.0-56-amd64", "6.1.0-57-amd64"));
    assertTrue(KernelDatabase.sameSeries("6.12.107+deb12-amd64", "6.12.117+deb12-amd64"));
    assertTrue(KernelDatabase.sameSeries("6.1.190", "6.1.192"));
    assertFalse(KernelDatabase.sameSeries("6.1.0-57-amd64", "6.12.117+deb12-amd64"));
    assertFalse(KernelDatabase.sameSeries("6.1.0-57-amd64", "6.10.0-1-amd64"));
    assertFalse(KernelDatabase.sameSeries("6.1.0-57-amd64", "6.1.0-57-cloud-amd64"));
    assertFalse(KernelDatabase.sameSeries("6.1.0-57-amd64", "9.9.9-test"));
    assertFalse(KernelDatabase.sameSeries("6.1.0-57-amd64", "unknown"));
  }

  /** Another point release of the embedded kernel's series borrows its header index, and says so. */
  @Test
  void aBuildDirectoryOfTheEmbeddedSeriesBorrowsTheEmbeddedIndex() throws IOException {
    String embedded = HeaderIndex.embedded().release();
    String next = embedded.replaceFirst("^(\\d+\\.\\d+\\.\\d+-)\\d+", "$1999");
    assertTrue(!next.equals(embedded) && KernelDatabase.sameSeries(embedded, next), next);
    Path kdir = Files.createDirectories(tmp.resolve("build"));
    Files.createDirectories(kdir.resolve("include/generated"));
    Files.writeString(kdir.resolve("include/generated/utsrelease.h"), "#define UTS_RELEASE \"" + next + "\"\n");
    Files.writeString(kdir.resolve("Module.symvers"), "0x1\t__platform_driver_register\tvmlinux\tEXPORT_SYMBOL_GPL\t\n");
    KernelDatabase db = KernelDatabase.buildDirectory(kdir, tmp.resolve("cache"), KernelExports.empty(""));
    assertTrue(db.headers().reachedExports("module_platform_driver").contains("__platform_driver_register"));
    List<String> ids = db.notifications().stream().map(Notification::id).toList();
    assertTrue(ids.contains("kernel-header-index-substituted") && !ids.contains("kernel-header-index-missing"),
        ids.toString());
  }

  /** The embedded tables are of one kernel and hold what a kernel of that size holds. */
  @Test
  void theEmbeddedKernelIsOneKernel() {
    KernelExports.Header h = KernelExports.embeddedHeader();
    KernelExports exports = KernelExports.embedded();
    assertEquals(h.count(), exports.size(), "the header's count is the table's");
    assertTrue(exports.size() > 20_000, "a distribution kernel exports tens of thousands: " + exports.size());
    HeaderIndex index = HeaderIndex.embedded();
    assertTrue(h.release().contains(index.release()), h.release() + " vs index " + index.release());
    assertTrue(index.size() > 100_000, "index: " + index.size());
    KernelConfig config = KernelConfig.embedded().orElseThrow();
    assertEquals(h.release(), config.release());
    assertTrue(config.enabled("CONFIG_MODULES") && config.size() > 3_000, "config: " + config.size());
    KernelModules modules = KernelModules.embedded();
    assertTrue(modules.release().contains(index.release()), modules.release() + " vs index " + index.release());
    assertTrue(modules.size() > 3_000, "modules: " + modules.size());
    // every name the index says a macro reaches is an export of the same kernel
    for (String api : List.of("module_platform_driver", "kzalloc", "i2c_add_driver", "copy_from_user"))
      for (String sym : index.reachedExports(api)) assertTrue(exports.exports(sym), api + " -> " + sym);
  }
}
