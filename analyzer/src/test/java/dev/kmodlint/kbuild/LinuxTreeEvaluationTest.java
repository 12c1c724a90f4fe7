package dev.kmodlint.kbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.kconfig.LinuxTreeSyntaxTest;
import dev.kmodlint.kernel.KernelConfig;
import dev.kmodlint.model.Notification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Makefile/Kbuild of linux-source-6.1 evaluated as kbuild reads it, inside its kernel
 * tree (so {@code include $(srctree)/...} is followed), with and without the embedded .config.
 * The kernel builds, so the evaluator must not fail on any of them; prints what it found.
 */
class LinuxTreeEvaluationTest {
  private static final Path TARBALL = Path.of("/usr/src/linux-source-6.1.tar.xz");

  /** The files Makefiles include ({@code virt/kvm/Makefile.kvm}, {@code *.mk}), beside the extracted Makefiles. */
  private static void includedFiles(Path root) throws Exception {
    Path marker = root.resolve("virt/kvm/Makefile.kvm");
    if (Files.exists(marker) || !Files.isRegularFile(TARBALL)) return;
    Process p = new ProcessBuilder("tar", "-C", root.getParent().toString(), "-xJf", TARBALL.toString(), "--wildcards",
        "*/Makefile.*", "*.mk").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES) && p.exitValue() == 0, "tar failed on " + TARBALL);
  }

  @Test
  void everyMakefileOfLinux61Evaluates() throws Exception {
    Path root = LinuxTreeSyntaxTest.tree().toAbsolutePath().normalize();
    includedFiles(root);
    assertEquals(Optional.of(root), KbuildEnvironment.kernelSourceTree(root.resolve("drivers/net")));
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> (p.getFileName().toString().equals("Makefile") || p.getFileName().toString().equals("Kbuild"))
          && Files.isRegularFile(p)).map(Path::getParent).distinct().sorted().forEach(dirs::add);
    }
    KbuildEnvironment tree = KbuildEnvironment.unknown().withSourceTree(Optional.of(root)).withTree(Optional.of(root));
    KernelConfig config = KernelConfig.embedded().orElseThrow();
    for (KbuildEnvironment env : List.of(tree, tree.withKernelConfig(config.values()).withKernel(config.release()))) {
      KbuildReader reader = new KbuildReader(env);
      long t0 = System.nanoTime();
      int modules = 0;
      int objects = 0;
      int conditional = 0;
      int unknown = 0;
      Map<String, Integer> notes = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      KbuildDirectory kvm = null;
      for (Path d : dirs) {
        KbuildDirectory k = reader.read(d);
        if (d.equals(root.resolve("arch/x86/kvm"))) kvm = k;
        for (KbuildModule m : k.modules()) {
          modules++;
          for (KbuildObject o : m.objects()) {
            objects++;
            if (o.conditional() || m.conditional()) conditional++;
          }
        }
        unknown += k.unknownWords();
        for (Notification n : k.notifications()) {
          notes.merge(n.id(), 1, Integer::sum);
          // the kernel's own Makefiles never need more work than the budget allows
          if (n.message().startsWith("kmodlint could not evaluate") || n.id().equals(KbuildReader.EVAL_LIMIT)) {
            failures.add(n.toString());
          }
        }
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("linux-source-6.1 (%s): %d directories evaluated in %d ms: %d modules/objects listed, %d parts"
          + " (%d conditional), %d unknown words; notifications %s%n", env.kernelConfig().isPresent()
          ? "embedded .config" : "no .config", dirs.size(), ms, modules, objects, conditional, unknown, notes);
      assertTrue(failures.isEmpty(), String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
      assertTrue(kvm != null && kvm.modules().stream().anyMatch(m -> m.name().equals("kvm")
          && m.objects().stream().anyMatch(o -> o.name().endsWith("virt/kvm/kvm_main.o"))),
          "arch/x86/kvm includes virt/kvm/Makefile.kvm: kvm_main.o is part of kvm.ko");
    }
  }
}
