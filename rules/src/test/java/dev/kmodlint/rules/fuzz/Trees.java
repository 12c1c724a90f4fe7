package dev.kmodlint.rules.fuzz;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Writing hostile trees: plain and sparse files, FIFOs, links, names that are not UTF-8, the planted module. */
final class Trees {
  /** Over 2 GiB: past every Java array, so a reader that takes the whole file cannot. */
  static final long HUGE = (1L << 31) + 4096;

  /** The module every case plants beside its hostile input: no MODULE_LICENSE, so license/missing. */
  static final String PLANTED_DIR = "sibling";
  static final String PLANTED_LINE = "sibling/sibling\\.c:\\d+:\\d+: error: module sibling has no MODULE_LICENSE.*"
      + "\\[license/missing\\]";

  private Trees() {}

  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.write(file, bytes);
  }

  /** A file of {@link #HUGE} bytes that takes no disk: {@code head}, then a hole. */
  static Path sparse(Path file, String head) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.write(head.getBytes(StandardCharsets.UTF_8));
      f.setLength(HUGE);
    }
    return file;
  }

  /** A named pipe nobody writes to: whoever opens it for reading waits forever. */
  static Path fifo(Path file) throws IOException, InterruptedException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file);
    Process p = new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0)
      throw new IOException("mkfifo " + file + " failed: " + new String(p.getInputStream().readAllBytes()));
    return file;
  }

  static boolean canMakeFifos() {
    try {
      Path probe = Files.createTempFile("kmodlint-fuzz", ".probe");
      Files.delete(probe);
      fifo(probe);
      Files.delete(probe);
      return true;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static Path link(Path link, Path target) throws IOException {
    Files.createDirectories(link.toAbsolutePath().getParent());
    return Files.createSymbolicLink(link, target);
  }

  /**
   * A child of {@code dir} whose name is the given bytes, whatever they decode to: a
   * {@code file:} URI carries the bytes percent-encoded, and the JDK maps them back one to one.
   */
  static Path rawName(Path dir, byte[] name) {
    StringBuilder enc = new StringBuilder();
    for (byte b : name) enc.append(String.format("%%%02X", b & 0xff));
    String base = dir.toAbsolutePath().toUri().getRawPath();
    if (!base.endsWith("/")) base += "/";
    return Path.of(URI.create("file://" + base + enc));
  }

  /** {@code dir/sibling}: a Kbuild module without MODULE_LICENSE, which every run must still report. */
  static Path plant(Path root) throws IOException {
    Path dir = root.resolve(PLANTED_DIR);
    write(dir.resolve("Makefile"), "obj-m += sibling.o\n");
    write(dir.resolve("sibling.c"), String.join("\n",
        "// SPDX-License-Identifier: GPL-2.0",
        "#include <linux/module.h>",
        "#include <linux/init.h>",
        "",
        "static int __init sibling_init(void)",
        "{",
        "\treturn 0;",
        "}",
        "",
        "static void __exit sibling_exit(void)",
        "{",
        "}",
        "",
        "module_init(sibling_init);",
        "module_exit(sibling_exit);",
        "MODULE_DESCRIPTION(\"planted beside hostile input\");",
        ""));
    return dir;
  }

  /** A small clean module source named {@code name}.c with a license, for hostile files to sit beside. */
  static String cleanModule(String name) {
    return String.join("\n",
        "// SPDX-License-Identifier: GPL-2.0",
        "#include <linux/module.h>",
        "static int __init " + name + "_init(void) { return 0; }",
        "static void __exit " + name + "_exit(void) { }",
        "module_init(" + name + "_init);",
        "module_exit(" + name + "_exit);",
        "MODULE_LICENSE(\"GPL\");",
        "MODULE_DESCRIPTION(\"" + name + "\");",
        "");
  }

  /** A module source without MODULE_LICENSE: the finding that shows the file was analyzed. */
  static String unlicensedModule(String name) {
    return String.join("\n",
        "// SPDX-License-Identifier: GPL-2.0",
        "#include <linux/module.h>",
        "static int __init " + name + "_init(void) { return 0; }",
        "static void __exit " + name + "_exit(void) { }",
        "module_init(" + name + "_init);",
        "module_exit(" + name + "_exit);",
        "MODULE_DESCRIPTION(\"" + name + "\");",
        "");
  }
}
