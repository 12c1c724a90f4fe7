package dev.kmodlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.kernel.HeaderIndex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexCommandTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, out, err);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path miniKernel() throws IOException {
    Path k = tmp.resolve("kernel");
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

  @Test
  void indexesAKernelIntoTheGivenFile() throws IOException {
    Path out = tmp.resolve("idx.gz");
    Run r = run("index", "--kdir", miniKernel().toString(), "--output", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("indexed 2 headers of 1.2.3-mini (0 off in its configuration) in "), r.out());
    try (InputStream in = Files.newInputStream(out)) {
      HeaderIndex idx = HeaderIndex.read(in);
      assertEquals("1.2.3-mini", idx.release());
      assertEquals(Set.of("__thing_add"), idx.reachedExports("thing_add"));
    }
  }

  /** A --kdir without an index gets one the first time the headers are needed, unless told not to. */
  @Test
  void aKdirIsIndexedOnFirstUseUnlessToldNotTo() throws IOException {
    Path kernel = miniKernel();
    Path mod = Files.createDirectories(tmp.resolve("mod"));
    Files.writeString(mod.resolve("Makefile"), "obj-m += m.o\n");
    Files.writeString(mod.resolve("m.c"), "#include <linux/thing.h>\nMODULE_LICENSE(\"GPL\");\n"
        + "static int __init i(void) { return thing_add(1); }\nmodule_init(i);\n");
    Path cached = dev.kmodlint.kernel.KernelDatabase.indexFile(dev.kmodlint.kernel.KernelDatabase.defaultIndexCache(), kernel);
    Files.deleteIfExists(cached);
    Run off = run("info", "--kdir", kernel.toString(), "--no-auto-index", mod.toString());
    assertEquals(0, off.code(), off.err());
    assertFalse(Files.exists(cached), "--no-auto-index makes no index");
    Run on = run("info", "--kdir", kernel.toString(), mod.toString());
    assertEquals(0, on.code(), on.err());
    assertTrue(Files.isRegularFile(cached), "indexed on first use: " + cached);
    try (InputStream in = Files.newInputStream(cached)) {
      assertEquals(Set.of("__thing_add"), HeaderIndex.read(in).reachedExports("thing_add"));
    }
    Files.deleteIfExists(cached);
  }

  @Test
  void aDirectoryThatIsNoKernelIsOneLineAndExitTwo() {
    Run r = run("index", "--kdir", tmp.toString(), "--output", tmp.resolve("x.gz").toString());
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("no Module.symvers"), r.err());
    Run missing = run("index", "--kdir", tmp.resolve("nope").toString());
    assertEquals(2, missing.code());
    assertEquals(1, missing.err().lines().count(), missing.err());
    assertFalse(missing.err().contains("Exception"), missing.err());
  }

  @Test
  void checkWithABadKdirIsOneLineAndExitTwo() throws IOException {
    Path c = Files.writeString(tmp.resolve("m.c"), "int x;\n");
    Run r = run("check", "--kdir", tmp.resolve("nope").toString(), c.toString());
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
  }
}
