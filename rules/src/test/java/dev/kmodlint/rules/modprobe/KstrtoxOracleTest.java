package dev.kmodlint.rules.modprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kmodlint.deploy.KernelParamParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the kernel's own lib/kstrtox.c (Linux 6.1 source tree, with a few stand-in kernel
 * headers) into a small program and checks that KernelParamParser accepts exactly what it
 * accepts, for every integer parameter type and kstrtobool, on the corpus's values, edge cases
 * and random strings. Skipped without the source tree or gcc.
 */
class KstrtoxOracleTest {
  /** Debian's linux-source-6.1 package, which .ci/run installs. */
  private static final Path TARBALL = Path.of("/usr/src/linux-source-6.1.tar.xz");
  private static final Path EXTRACTED = Path.of("target/linux-source-6.1-kstrtox");

  /** lib/kstrtox.c and lib/kstrtox.h: from {@code -Dkmodlint.linuxSource=TREE}, else out of the tarball. */
  private static Path kstrtox() throws IOException, InterruptedException {
    String tree = System.getProperty("kmodlint.linuxSource");
    if (tree != null) return Path.of(tree, "lib/kstrtox.c");
    Path c = EXTRACTED.resolve("linux-source-6.1/lib/kstrtox.c");
    if (Files.isRegularFile(c) && Files.isRegularFile(c.resolveSibling("kstrtox.h"))) return c;
    if (!Files.isRegularFile(TARBALL)) return null;
    Files.createDirectories(EXTRACTED);
    Process p = new ProcessBuilder("tar", "-C", EXTRACTED.toString(), "-xJf", TARBALL.toString(),
        "linux-source-6.1/lib/kstrtox.c", "linux-source-6.1/lib/kstrtox.h")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new AssertionError("tar failed on " + TARBALL);
    return c;
  }

  /** Skips, or fails when the oracles are required ({@code KMODLINT_REQUIRE_ORACLES=1}, as in CI). */
  private static void require(boolean present, String why) {
    if (present) return;
    if ("1".equals(System.getenv("KMODLINT_REQUIRE_ORACLES"))) fail(why);
    assumeTrue(false, why);
  }

  /** Parameter type -> the kstrto* call of its param_set_* (STANDARD_PARAM_DEF, x86-64). */
  private static final Map<String, String> CALLS = Map.of(
      "byte", "u8 v; r = kstrtou8(s, 0, &v);",
      "short", "s16 v; r = kstrtos16(s, 0, &v);",
      "ushort", "u16 v; r = kstrtou16(s, 0, &v);",
      "int", "int v; r = kstrtoint(s, 0, &v);",
      "uint", "unsigned int v; r = kstrtouint(s, 0, &v);",
      "hexint", "unsigned int v; r = kstrtouint(s, 0, &v);",
      "long", "long long v; r = kstrtoll(s, 0, &v);",
      "ulong", "unsigned long long v; r = kstrtoull(s, 0, &v);",
      "ullong", "unsigned long long v; r = kstrtoull(s, 0, &v);",
      "bool", "bool v; r = kstrtobool(s, &v);");

  @TempDir Path dir;

  @Test
  void kmodlintAcceptsExactlyWhatTheKernelsParsersAccept() throws Exception {
    Path kstrtox = kstrtox();
    require(kstrtox != null && Files.isRegularFile(kstrtox),
        "no lib/kstrtox.c (apt-get install linux-source-6.1, or -Dkmodlint.linuxSource=TREE): kstrtox oracle skipped");
    Path program = build(kstrtox);
    require(program != null, "gcc not available: kstrtox oracle skipped");
    List<String> values = values();
    List<String> types = new ArrayList<>(CALLS.keySet());
    types.sort(null);
    StringBuilder input = new StringBuilder();
    for (String t : types) for (String v : values) input.append(t).append('\t').append(v).append('\n');
    Path in = dir.resolve("values.txt");
    Files.writeString(in, input);
    Process p = new ProcessBuilder(program.toString()).redirectInput(in.toFile()).redirectErrorStream(true).start();
    String[] verdicts = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
    p.waitFor(30, TimeUnit.SECONDS);
    List<String> disagreements = new ArrayList<>();
    int i = 0;
    for (String t : types) {
      for (String v : values) {
        boolean kernel = verdicts[i++].equals("0");
        boolean ours = KernelParamParser.scalar(t, v).isEmpty();
        if (kernel != ours) disagreements.add(t + " '" + v + "': kernel " + (kernel ? "accepts" : "rejects"));
      }
    }
    assertEquals(types.size() * values.size(), i);
    assertEquals(List.of(), disagreements);
  }

  private static List<String> values() {
    List<String> out = new ArrayList<>(List.of(
        // what the corpus marks invalid, and what it marks valid
        "256", "32768", "-1", "2147483648", "08", "0x", "18446744073709551616", "1.5", "", "maybe", "o", "abc",
        "255", "-32768", "0xffff", "-2147483648", "4294967295", "0x10", "0777", "-9223372036854775808",
        "18446744073709551615", "+7", "0", "32767", "on", "off", "yes", "N", "T", "1", "22", "5", "2",
        // edges of each range and base
        "-0", "+0", "+-1", "-+1", "--1", "0X1f", "0x1g", "0xG", "00", "007", "09", "0b1", "1e3", " 1", "1 ",
        "-128", "-129", "127", "128", "65535", "65536", "-32769", "2147483647", "-2147483649",
        "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "0xffffffffffffffff", "0x10000000000000000", "01777777777777777777777", "02000000000000000000000",
        "99999999999999999999999", "y", "Y", "t", "f", "F", "n", "no", "On", "oN", "oF", "OFF", "ox", "O", "2",
        "true", "false", "-", "+", "x", "0x-1", "1,2"));
    Random r = new Random(8);
    String alphabet = "0123456789abcdefxXoOnNyY+- ";
    for (int k = 0; k < 400; k++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + r.nextInt(22);
      for (int j = 0; j < n; j++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      String s = sb.toString();
      if (!s.contains("\t")) out.add(s.strip().isEmpty() ? "0" : s.replace(' ', '1'));
    }
    return out;
  }

  /** lib/kstrtox.c up to kstrtobool, with stand-ins for the kernel headers it includes. */
  private Path build(Path kstrtox) throws IOException, InterruptedException {
    Path shim = dir.resolve("shim/linux");
    Files.createDirectories(shim);
    Files.writeString(shim.resolve("ctype.h"), "#include <ctype.h>\n#define _tolower(c) ((c) | 0x20)\n");
    // the C library's <errno.h> includes <linux/errno.h> itself: define the two codes here instead
    Files.writeString(shim.resolve("errno.h"), "#ifndef EINVAL\n#define EINVAL 22\n#endif\n"
        + "#ifndef ERANGE\n#define ERANGE 34\n#endif\n");
    Files.writeString(shim.resolve("export.h"), "#define EXPORT_SYMBOL(x)\n");
    Files.writeString(shim.resolve("kstrtox.h"), "");
    Files.writeString(shim.resolve("math64.h"),
        "static inline unsigned long long div_u64(unsigned long long a, unsigned int b) { return a / b; }\n");
    Files.writeString(shim.resolve("types.h"), "#include <stdbool.h>\n#include <stddef.h>\n#include <limits.h>\n"
        + "#include <stdint.h>\ntypedef uint8_t u8; typedef int8_t s8; typedef uint16_t u16; typedef int16_t s16;\n"
        + "#define noinline __attribute__((noinline))\n#define unlikely(x) (x)\n");
    Files.writeString(shim.resolve("uaccess.h"), "");
    List<String> lines = Files.readAllLines(kstrtox, StandardCharsets.ISO_8859_1);
    StringBuilder src = new StringBuilder();
    for (String l : lines) {
      if (l.startsWith("int kstrtobool_from_user")) break;
      src.append(l).append('\n');
    }
    int cut = src.lastIndexOf("/*");
    src.setLength(cut); // the comment opening kstrtobool_from_user
    src.append("\n#include <stdio.h>\n#include <string.h>\nint main(void) {\n  char line[4096];\n"
        + "  while (fgets(line, sizeof line, stdin)) {\n    line[strcspn(line, \"\\n\")] = 0;\n"
        + "    char *tab = strchr(line, '\\t'); *tab = 0; const char *t = line, *s = tab + 1; int r = -1;\n");
    for (Map.Entry<String, String> e : CALLS.entrySet())
      src.append("    if (!strcmp(t, \"").append(e.getKey()).append("\")) { ").append(e.getValue()).append(" }\n");
    src.append("    printf(\"%d\\n\", r);\n  }\n  return 0;\n}\n");
    Path c = dir.resolve("kstrtox_oracle.c");
    Files.writeString(c, src);
    Files.copy(kstrtox.resolveSibling("kstrtox.h"), dir.resolve("kstrtox.h"));
    Path exe = dir.resolve("kstrtox_oracle");
    Process gcc;
    try {
      gcc = new ProcessBuilder("gcc", "-O0", "-w", "-I", dir.resolve("shim").toString(), "-I", dir.toString(),
          "-o", exe.toString(), c.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return null;
    }
    String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (gcc.waitFor() != 0) throw new AssertionError("kstrtox.c did not compile:\n" + out);
    return exe;
  }
}
