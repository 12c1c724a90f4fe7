package dev.kmodlint.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.kernel.HeaderIndex;
import dev.kmodlint.kernel.HeaderIndexBuilder;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.kernel.KernelExports;
import dev.kmodlint.model.Notification;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indexing a kernel's headers, on request and on the first use of a {@code --kdir}. */
class KernelIndexerTest {
  @TempDir Path tmp;

  /** A kernel build directory in miniature, of a release no embedded kernel has. */
  private Path miniKernel(String name) throws IOException {
    Path k = tmp.resolve(name);
    Files.createDirectories(k.resolve("include/linux"));
    Files.createDirectories(k.resolve("include/generated"));
    Files.writeString(k.resolve("include/generated/autoconf.h"), "#define CONFIG_X86_64 1\n");
    Files.writeString(k.resolve("include/generated/utsrelease.h"), "#define UTS_RELEASE \"1.2.3-mini\"\n");
    Files.writeString(k.resolve("include/linux/kconfig.h"), "#include <generated/autoconf.h>\n");
    Files.writeString(k.resolve("include/linux/thing.h"),
        "int __thing_add(int n, void *owner);\n#define thing_add(n) __thing_add(n, 0)\n");
    Files.writeString(k.resolve("Module.symvers"), "0x1\t__thing_add\tvmlinux\tEXPORT_SYMBOL_GPL\t\n");
    return k;
  }

  private static List<String> ids(KernelDatabase db) {
    return db.notifications().stream().map(Notification::id).toList();
  }

  @Test
  void theBuilderIsFoundOnTheClassPath() {
    assertTrue(HeaderIndexBuilder.installed().orElseThrow() instanceof KernelIndexer);
  }

  @Test
  void aBuildDirectoryWithoutAnIndexGetsOneOnFirstUseAndKeepsIt() throws IOException {
    Path kdir = miniKernel("build");
    Path cache = tmp.resolve("cache");
    Path file = KernelDatabase.indexFile(cache, kdir);
    assertFalse(Files.exists(file));
    KernelDatabase first = KernelDatabase.buildDirectory(kdir, cache, KernelExports.empty(""), KernelDatabase.AutoIndex.ON);
    assertEquals(Set.of("__thing_add"), first.exportsUsedBy("thing_add"));
    assertTrue(Files.isRegularFile(file), "cached as " + file);
    assertTrue(file.getFileName().toString().startsWith("header-index-1.2.3-mini-"), file.toString());
    List<String> ids = ids(first);
    assertFalse(ids.contains("kernel-header-index-missing") || ids.contains("kernel-header-index-substituted"), ids.toString());
    // the second run reads it: no index is made when making is off
    KernelDatabase second = KernelDatabase.buildDirectory(kdir, cache, KernelExports.empty(""), KernelDatabase.AutoIndex.OFF);
    assertEquals(Set.of("__thing_add"), second.exportsUsedBy("thing_add"));
    assertFalse(ids(second).contains("kernel-header-index-missing"), ids(second).toString());
  }

  @Test
  void theCacheIsKeyedByDirectoryAndItsBuild() throws IOException {
    Path a = miniKernel("a");
    Path b = miniKernel("b");
    Path cache = tmp.resolve("cache");
    assertNotEquals(KernelDatabase.indexFile(cache, a), KernelDatabase.indexFile(cache, b), "same release, other tree");
    Path before = KernelDatabase.indexFile(cache, a);
    assertEquals(before, KernelDatabase.indexFile(cache, a));
    Files.setLastModifiedTime(a.resolve("Module.symvers"), FileTime.fromMillis(1_000_000_000_000L));
    assertNotEquals(before, KernelDatabase.indexFile(cache, a), "the kernel was rebuilt");
    // a link to the tree is the tree
    Path link = Files.createSymbolicLink(tmp.resolve("link"), b);
    assertEquals(KernelDatabase.indexFile(cache, b), KernelDatabase.indexFile(cache, link));
  }

  @Test
  void withoutAutoIndexAKernelOfNoEmbeddedSeriesIsAWarning() throws IOException {
    Path kdir = miniKernel("build");
    Path cache = tmp.resolve("cache");
    KernelDatabase db = KernelDatabase.buildDirectory(kdir, cache, KernelExports.empty(""), KernelDatabase.AutoIndex.OFF);
    assertEquals(Set.of(), db.exportsUsedBy("thing_add"));
    Notification missing = db.notifications().stream().filter(n -> n.id().equals("kernel-header-index-missing"))
        .findFirst().orElseThrow();
    assertTrue(missing.message().contains("--no-auto-index"), missing.message());
    assertFalse(Files.exists(KernelDatabase.indexFile(cache, kdir)));
    // the thread's policy is what the three-argument form takes
    KernelDatabase scoped = KernelDatabase.withAutoIndex(KernelDatabase.AutoIndex.OFF,
        () -> KernelDatabase.buildDirectory(kdir, cache, KernelExports.empty("")));
    assertEquals(Set.of(), scoped.exportsUsedBy("thing_add"));
    assertFalse(Files.exists(KernelDatabase.indexFile(cache, kdir)));
  }

  @Test
  void anIndexThatCannotBeMadeIsAWarningWithTheReason() throws IOException {
    Path kdir = miniKernel("build");
    Files.delete(kdir.resolve("include/linux/kconfig.h"));
    KernelDatabase db = KernelDatabase.buildDirectory(kdir, tmp.resolve("cache"), KernelExports.empty(""),
        KernelDatabase.AutoIndex.ON);
    assertEquals(Set.of(), db.headers().reachedExports("thing_add"));
    Notification missing = db.notifications().stream().filter(n -> n.id().equals("kernel-header-index-missing"))
        .findFirst().orElseThrow();
    assertTrue(missing.message().contains("making one failed") && missing.message().contains("kconfig.h"),
        missing.message());
  }

  @Test
  void aStaleCachedIndexIsMadeAgain() throws IOException {
    Path kdir = miniKernel("build");
    Path cache = tmp.resolve("cache");
    Path file = KernelDatabase.indexFile(cache, kdir);
    Files.createDirectories(cache);
    Files.writeString(file, "not an index");
    KernelDatabase db = KernelDatabase.buildDirectory(kdir, cache, KernelExports.empty(""), KernelDatabase.AutoIndex.ON);
    assertEquals(Set.of("__thing_add"), db.exportsUsedBy("thing_add"));
    assertTrue(ids(db).stream().noneMatch(id -> id.startsWith("kernel-header-index-")), ids(db).toString());
    assertTrue(Files.size(file) > 20);
  }

  @Test
  void indexingNamesWhatWasRead() throws IOException {
    KernelIndexer.Outcome r = KernelIndexer.index(miniKernel("build"), KernelIndexer.Options.DEFAULT, Optional.empty());
    assertEquals("1.2.3-mini", r.release());
    assertEquals(2, r.headers());
    assertEquals(List.of(), r.problems());
    assertEquals(Set.of("__thing_add"), r.index().reachedExports("thing_add"));
    assertThrows(IOException.class, () -> KernelIndexer.index(tmp, KernelIndexer.Options.DEFAULT, Optional.empty()));
  }

  /**
   * The layouts a kernel's headers come in: a tree built in place (Fedora's
   * /usr/src/kernels/R is one), a build directory with a {@code source} link (make O=), and
   * Debian's, whose Makefile includes the common tree's.
   */
  @Test
  void indexesTheLayoutsHeadersComeIn() throws IOException {
    // make O=build: the generated headers and Module.symvers in build/, the rest in the tree
    Path tree = miniKernel("tree");
    Path build = Files.createDirectories(tmp.resolve("build/include"));
    Files.move(tree.resolve("include/generated"), build.resolve("generated"));
    Files.move(tree.resolve("Module.symvers"), build.getParent().resolve("Module.symvers"));
    Files.createSymbolicLink(build.getParent().resolve("source"), tree);
    assertEquals(Set.of("__thing_add"),
        KernelIndexer.index(build.getParent(), KernelIndexer.Options.DEFAULT, Optional.empty()).index()
            .reachedExports("thing_add"));
    // Debian: linux-headers-R-amd64/Makefile includes linux-headers-R-common/Makefile
    Path common = miniKernel("common");
    Path flavour = Files.createDirectories(tmp.resolve("flavour/include"));
    Files.move(common.resolve("include/generated"), flavour.resolve("generated"));
    Files.move(common.resolve("Module.symvers"), flavour.getParent().resolve("Module.symvers"));
    Files.writeString(common.resolve("Makefile"), "VERSION = 1\nPATCHLEVEL = 2\nSUBLEVEL = 3\n");
    Files.writeString(flavour.getParent().resolve("Makefile"), "include " + common.resolve("Makefile") + "\n");
    assertEquals(Set.of("__thing_add"),
        KernelIndexer.index(flavour.getParent(), KernelIndexer.Options.DEFAULT, Optional.empty()).index()
            .reachedExports("thing_add"));
    assertEquals("1.2.3", dev.kmodlint.kernel.KernelVersion.ofBuildDirectory(flavour.getParent()).orElseThrow().toString());
  }

  @Test
  void theProgressLineIsRewrittenInPlaceAndEnded() {
    StringWriter s = new StringWriter();
    try (ProgressLine line = new ProgressLine(new PrintWriter(s), "the headers of 1.2.3", 0)) {
      line.batchDone(1, 1, 2, "");
      line.batchDone(2, 2, 2, "");
    }
    assertEquals("\rkmodlint: indexing the headers of 1.2.3: pass 1 of 2, 1/2 batches, 0s"
        + "\rkmodlint: indexing the headers of 1.2.3: pass 2 of 2, 2/2 batches, 0s" + System.lineSeparator(), s.toString());
    StringWriter quiet = new StringWriter();
    try (ProgressLine line = new ProgressLine(new PrintWriter(quiet), "x")) {
      line.batchDone(1, 1, 1, "");
    }
    assertEquals("", quiet.toString(), "nothing in the first second");
  }
}
