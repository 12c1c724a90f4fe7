package dev.kmodlint.kconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kmodlint.kbuild.KbuildReader;
import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SyntaxProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Kconfig file and every Makefile/Kbuild of linux-source-6.1 must parse without a syntax
 * problem: the kernel builds, so any problem is ours. The tree is {@code KMODLINT_LINUX_SOURCE}
 * when set, else the Kconfig and Makefile members of Debian's
 * {@code /usr/src/linux-source-6.1.tar.xz}, extracted once into {@code target/}. Without either
 * the test is skipped, unless {@code KMODLINT_REQUIRE_ORACLES=1}, where it fails.
 */
public class LinuxTreeSyntaxTest {
  private static final Path TARBALL = Path.of("/usr/src/linux-source-6.1.tar.xz");
  private static final Path EXTRACTED = Path.of("target/linux-source-6.1-build-files");
  private static final Set<String> MAKEFILES = Set.of("Makefile", "Kbuild");

  public static Path tree() throws Exception {
    String env = System.getenv("KMODLINT_LINUX_SOURCE");
    if (env != null && !env.isBlank()) return Path.of(env);
    Path root = EXTRACTED.resolve("linux-source-6.1");
    Path done = EXTRACTED.resolve(".complete");
    if (!Files.exists(done)) {
      if (!Files.isRegularFile(TARBALL)) {
        String why = TARBALL + " is absent (apt-get install linux-source-6.1), so the Linux tree syntax check is skipped";
        if ("1".equals(System.getenv("KMODLINT_REQUIRE_ORACLES"))) fail(why);
        assumeTrue(false, why);
      }
      Files.createDirectories(EXTRACTED);
      Process p = new ProcessBuilder("tar", "-C", EXTRACTED.toString(), "-xJf", TARBALL.toString(), "--wildcards",
          "*/Kconfig*", "*/Makefile", "*/Kbuild")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertTrue(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0, "tar failed on " + TARBALL);
      Files.createFile(done);
    }
    return root;
  }

  @Test
  void everyKconfigAndMakefileOfLinux61Parses() throws Exception {
    Path root = tree();
    List<Path> kconfigs = new ArrayList<>();
    List<Path> makefiles = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile).forEach(p -> {
        String n = p.getFileName().toString();
        if (n.startsWith("Kconfig")) kconfigs.add(p);
        else if (MAKEFILES.contains(n)) makefiles.add(p);
      });
    }
    List<String> problems = new ArrayList<>();
    long t0 = System.nanoTime();
    for (Path k : kconfigs) {
      for (SyntaxProblem sp : KconfigReader.syntaxProblems(k)) {
        problems.add(sp.position() + ": " + sp.message());
      }
    }
    long t1 = System.nanoTime();
    for (Path m : makefiles) {
      for (Notification n : KbuildReader.syntaxProblems(m)) problems.add(n.position().map(Object::toString).orElse(m.toString()) + ": " + n.message());
    }
    long t2 = System.nanoTime();
    System.out.printf("linux-source-6.1: %d Kconfig files in %d ms, %d Makefile/Kbuild files in %d ms, %d problems%n",
        kconfigs.size(), (t1 - t0) / 1_000_000, makefiles.size(), (t2 - t1) / 1_000_000, problems.size());
    assertTrue(kconfigs.size() > 1500 && makefiles.size() > 2500, "tree looks incomplete: " + root);
    if (!problems.isEmpty()) {
      fail(problems.size() + " syntax problems:\n" + String.join("\n", problems.subList(0, Math.min(50, problems.size()))));
    }
  }

  @Test
  void modelOfLinux61KconfigDefinesItsSymbols() throws Exception {
    Path root = tree();
    List<Path> kconfigs;
    try (Stream<Path> s = Files.walk(root)) {
      kconfigs = s.filter(p -> p.getFileName().toString().startsWith("Kconfig") && Files.isRegularFile(p)).sorted().toList();
    }
    KconfigModel m = KconfigReader.read(kconfigs);
    // the embedded table was generated from the same tree by the line-based reader
    Set<String> embedded = KconfigTypes.embedded().names();
    Set<String> scanned = m.scannedNames();
    List<String> missing = embedded.stream().filter(s -> !scanned.contains(s)).sorted().limit(20).toList();
    assertEquals(List.of(), missing, "symbols of the embedded table the model lacks");
  }
}
