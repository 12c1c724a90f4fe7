package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm run (file facts, the Makefiles' readings and the Kconfig files' reading from the cache)
 * reports byte for byte what a cold run reports: for every corpus scenario, for the whole
 * corpus, and after each kind of change under the cache (a C file edited, a Makefile edited, a
 * module added, a source removed, a Kconfig file edited, a file appearing that a
 * {@code $(wildcard)} finds).
 */
class IncrementalRunTest {
  @TempDir Path tmp;

  private static String normalised(String s) {
    return s.replaceAll("\"(start|end)TimeUtc\"\\s*:\\s*\"[^\"]*\"", "\"$1TimeUtc\":\"-\"")
        .replaceAll(" in [0-9.]+s(;|\\n|$)", " in -s$1");
  }

  /** {@code check ARGS} cold (no cache) and warm (from {@code cache}, twice: written, then read): the same. */
  private void warmIsCold(Path cache, String what, String... args) {
    List<String> cold = new ArrayList<>(List.of("check", "--no-cache", "--color", "never"));
    cold.addAll(List.of(args));
    List<String> warm = new ArrayList<>(List.of("check", "--cache-dir", cache.toString(), "--color", "never"));
    warm.addAll(List.of(args));
    CliTest.Run c = CliTest.run(cold.toArray(String[]::new));
    for (String pass : List.of("written", "read")) {
      CliTest.Run w = CliTest.run(warm.toArray(String[]::new));
      assertEquals(c.code(), w.code(), what + " (cache " + pass + "): exit code");
      assertEquals(normalised(c.out()), normalised(w.out()), what + " (cache " + pass + "): stdout");
      assertEquals(normalised(c.err()), normalised(w.err()), what + " (cache " + pass + "): stderr");
    }
  }

  private void wholeTreeWarmIsCold(Path cache, Path tree, String what) {
    warmIsCold(cache, what + ", text", tree.toString());
    warmIsCold(cache, what + ", SARIF", "--format", "sarif", tree.toString());
  }

  @Test
  void everyScenarioAndEveryChangeWarmAsCold() throws IOException {
    Path tree = Files.createDirectories(tmp.resolve("corpus"));
    Corpus.copyTree(Corpus.DIR, tree);
    Path cache = tmp.resolve("cache");
    try (Stream<Path> dirs = Files.list(tree)) {
      for (Path scenario : dirs.filter(Files::isDirectory).sorted().toList()) {
        String name = scenario.getFileName().toString();
        if (name.startsWith("kernels-")) warmIsCold(cache, name, "--kernel", "6.1,6.12", scenario.toString());
        else warmIsCold(cache, name, scenario.toString());
      }
    }
    wholeTreeWarmIsCold(cache, tree, "the corpus");
    assertTrue(Files.list(cache.resolve("stages")).findAny().isPresent(), "no project stage was kept");

    Path params = tree.resolve("params-permissions");
    Path c = cFile(params);
    Files.writeString(c, Files.readString(c) + "\nstatic int added_knob;\nmodule_param(added_knob, int, 0666);\n");
    wholeTreeWarmIsCold(cache, tree, "a C file edited");

    Path hello = tree.resolve("hello-clean");
    Path kbuild = makefileOf(hello);
    Files.writeString(hello.resolve("second.c"), "#include <linux/module.h>\nstatic int knob;\n"
        + "module_param(knob, int, 0777);\nMODULE_LICENSE(\"GPL\");\n");
    Files.writeString(kbuild, Files.readString(kbuild) + "\nobj-m += second.o\n");
    wholeTreeWarmIsCold(cache, tree, "a module added to a Makefile");

    Files.delete(hello.resolve("second.c"));
    wholeTreeWarmIsCold(cache, tree, "a source the Makefile lists removed");

    Files.writeString(kbuild, Files.readString(kbuild) + "obj-m += $(patsubst %.c,%.o,$(notdir $(wildcard $(src)/extra*.c)))\n");
    wholeTreeWarmIsCold(cache, tree, "a Makefile with a wildcard");
    Files.writeString(hello.resolve("extra_one.c"), "#include <linux/module.h>\nMODULE_DESCRIPTION(\"x\");\n");
    wholeTreeWarmIsCold(cache, tree, "a file the wildcard finds added");

    Path kconfigDir = tree.resolve("kconfig-mistakes");
    Path kconfig = kconfigDir.resolve("Kconfig");
    Files.writeString(kconfig, Files.readString(kconfig) + "\nconfig INCREMENTAL_ADDED\n\tbool \"added\"\n"
        + "\tselect NO_SUCH_SYMBOL_ANYWHERE\n");
    wholeTreeWarmIsCold(cache, tree, "a Kconfig file edited");
  }

  private static Path cFile(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".c")).sorted().findFirst().orElseThrow();
    }
  }

  private static Path makefileOf(Path dir) {
    Path kbuild = dir.resolve("Kbuild");
    return Files.isRegularFile(kbuild) ? kbuild : dir.resolve("Makefile");
  }
}
