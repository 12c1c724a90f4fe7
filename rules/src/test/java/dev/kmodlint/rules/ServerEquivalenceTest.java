package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code kmodlint server} answers is what a standalone run prints, byte for byte (the
 * run's times aside): every corpus scenario in text and SARIF, and a module whose files
 * change under the running server. Each comparison also checks that the server did answer
 * (its count of checks went up), so that a silent fallback to a standalone run cannot pass.
 */
class ServerEquivalenceTest {
  @TempDir Path tmp;
  private Path tree;
  private Path cache;
  private CompletableFuture<CliTest.Run> server;

  private static String normalised(String s) {
    return s.replaceAll("\"(start|end)TimeUtc\"\\s*:\\s*\"[^\"]*\"", "\"$1TimeUtc\":\"-\"")
        .replaceAll(" in [0-9.]+s(;|\\n|$)", " in -s$1");
  }

  /** The corpus copied to {@code tmp} (the tests edit it), and a server for it. */
  private void serve() throws Exception {
    tree = Files.createDirectories(tmp.resolve("corpus"));
    Corpus.copyTree(Corpus.DIR, tree);
    cache = tmp.resolve("cache");
    server = CompletableFuture.supplyAsync(() -> CliTest.run("server", "--cache-dir", cache.toString(),
        "--idle-timeout", "10", tree.toString()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (status().code() != 0) {
      assertFalse(server.isDone(), () -> "the server did not start: " + server.join());
      assertTrue(System.nanoTime() < deadline, "the server did not start listening");
      Thread.sleep(20);
    }
  }

  private CliTest.Run status() {
    return CliTest.run("server", "--status", "--cache-dir", cache.toString(), tree.toString());
  }

  private int answered() {
    Matcher m = Pattern.compile("(\\d+) checks answered").matcher(status().out());
    assertTrue(m.find(), "no status");
    return Integer.parseInt(m.group(1));
  }

  @AfterEach
  void stop() throws Exception {
    if (server == null) return;
    CliTest.run("server", "--stop", "--cache-dir", cache.toString(), tree.toString());
    CliTest.Run r = server.get(60, TimeUnit.SECONDS);
    assertTrue(r.out().contains("stopped: asked to stop"), r.out() + r.err());
  }

  /** Runs {@code check ARGS} through the server and standalone; both print the same and exit the same. */
  private CliTest.Run same(String... args) {
    return same(true, args);
  }

  /** {@code viaServer} false: a check that never reaches a server (the client itself finds it wrong). */
  private CliTest.Run same(boolean viaServer, String... args) {
    List<String> served = new ArrayList<>(List.of("check", "--server", "auto", "--cache-dir", cache.toString()));
    served.addAll(List.of(args));
    List<String> alone = new ArrayList<>(List.of("check", "--server", "never", "--cache-dir", cache.toString()));
    alone.addAll(List.of(args));
    int before = answered();
    CliTest.Run s = CliTest.run(served.toArray(String[]::new));
    assertEquals(before + (viaServer ? 1 : 0), answered(), () -> "the server did not answer " + List.of(args));
    CliTest.Run a = CliTest.run(alone.toArray(String[]::new));
    String what = String.join(" ", args);
    assertEquals(a.code(), s.code(), "exit code of " + what);
    assertEquals(normalised(a.out()), normalised(s.out()), "stdout of " + what);
    assertEquals(normalised(a.err()), normalised(s.err()), "stderr of " + what);
    return s;
  }

  private void sameInBothFormats(String... args) {
    same(args);
    List<String> sarif = new ArrayList<>(List.of("--format", "sarif"));
    sarif.addAll(List.of(args));
    same(sarif.toArray(String[]::new));
  }

  @Test
  void everyCorpusScenarioInTextAndSarif() throws Exception {
    serve();
    try (Stream<Path> dirs = Files.list(tree)) {
      for (Path scenario : dirs.filter(Files::isDirectory).sorted().toList()) sameInBothFormats(scenario.toString());
    }
    sameInBothFormats(tree.toString());
    // a file named alone (a commit hook), a relative path (the report shows paths relative to the directory)
    sameInBothFormats(tree.resolve("params-acceptance/acceptance.c").toString());
    Path relative = Path.of("").toAbsolutePath().relativize(tree.resolve("symbols-gpl"));
    sameInBothFormats(relative.toString());
    // errors are the same too: a missing path, a bad option value, the report to a file
    same(false, tree.resolve("no-such-dir").toString());
    same(false, "--fail-on", "everything", tree.resolve("hello-clean").toString());
    Path report = tmp.resolve("out.sarif");
    same("--format", "sarif", "-o", report.toString(), tree.resolve("license-missing-single").toString());
    assertTrue(Files.readString(report).contains("license/missing"));
  }

  @Test
  void filesChangingUnderTheServerAreSeenAtOnce() throws Exception {
    serve();
    Path mod = tree.resolve("params-acceptance");
    Path c = mod.resolve("acceptance.c");
    String path = mod.toString();
    assertTrue(same(path).out().contains("param/world-writable"));

    // an edit
    Files.writeString(c, Files.readString(c).replace("module_param(level, int, 0666);", "module_param(level, int, 0664);"));
    sameInBothFormats(path);
    assertFalse(same(path).out().contains("param/world-writable"), "the edit is seen");

    // a header the file includes, then a change of only the header
    Files.writeString(mod.resolve("perm.h"), "#define LEVEL_PERM 0666\n");
    Files.writeString(c, Files.readString(c).replace("#include <linux/moduleparam.h>",
        "#include <linux/moduleparam.h>\n#include \"perm.h\"").replace("module_param(level, int, 0664);",
        "module_param(level, int, LEVEL_PERM);"));
    sameInBothFormats(path);
    Files.writeString(mod.resolve("perm.h"), "#define LEVEL_PERM 0444\n");
    sameInBothFormats(path);

    // a file added, then built by a changed Makefile
    Files.writeString(mod.resolve("second.c"), """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/module.h>
        static int depth;
        module_param(depth, int, 0777);
        MODULE_PARM_DESC(depth, "depth");
        MODULE_LICENSE("GPL");
        MODULE_DESCRIPTION("second");
        """);
    sameInBothFormats(path);
    Files.writeString(mod.resolve("Makefile"), Files.readString(mod.resolve("Makefile")) + "obj-m += second.o\n");
    assertTrue(same(path).out().contains("second.c"), "the new module is seen");
    sameInBothFormats(path);

    // a file deleted that the Makefile still names
    Files.delete(mod.resolve("second.c"));
    sameInBothFormats(path);
    assertFalse(same(path).out().contains("second.c:"), "the deleted file's findings are gone");

    // a configuration file added, then changed
    Files.writeString(mod.resolve(".kmodlint.yaml"), "rules:\n  init: off\n");
    sameInBothFormats(path);
    assertFalse(same(path).out().contains("init/no-exit"), "the configuration is seen");
    Files.writeString(mod.resolve(".kmodlint.yaml"), "rules:\n  param: warning\nfail-on: none\n");
    CliTest.Run r = same(path);
    assertEquals(0, r.code());
    assertTrue(r.out().contains("init/no-exit"));
    sameInBothFormats(path);
    Files.writeString(mod.resolve(".kmodlint.yaml"), "rules: [\n");
    same(path); // an invalid one: the same one line and exit code 2
  }

  @Test
  void aServerStartedInTheBackgroundAnswersAnotherProcessAsItWouldHaveAnsweredItself() throws Exception {
    tree = Files.createDirectories(tmp.resolve("corpus"));
    Corpus.copyTree(Corpus.DIR.resolve("params-acceptance"), tree.resolve("params-acceptance"));
    Corpus.copyTree(Corpus.DIR.resolve("deploy-acceptance"), tree.resolve("deploy-acceptance"));
    cache = tmp.resolve("cache");
    Path mod = tree.resolve("params-acceptance");
    // --server always starts one for the tree (no .git: the directory of the inputs)
    Proc started = java(mod, "check", "--server", "always", "--cache-dir", cache.toString(), ".");
    Proc alone = java(mod, "check", "--server", "never", "--cache-dir", cache.toString(), ".");
    assertEquals(alone, started.normalised());
    Path servedRoot = mod.toRealPath();
    CliTest.Run st = CliTest.run("server", "--status", "--cache-dir", cache.toString(), servedRoot.toString());
    assertEquals(0, st.code(), "a server runs now: " + st.err());
    assertTrue(st.out().contains("1 checks answered"), st.out());

    // from the directory above, with a relative path: the report's paths are relative to that directory
    Proc above = java(tree, "check", "--cache-dir", cache.toString(), "params-acceptance");
    assertEquals(java(tree, "check", "--server", "never", "--cache-dir", cache.toString(), "params-acceptance"),
        above.normalised());
    // a relative --config from another directory than the server's would read another file: refused, run here
    Files.writeString(tree.resolve("conf.yaml"), "rules:\n  init: off\n");
    Proc declined = java(tree, "check", "--cache-dir", cache.toString(), "--config", "conf.yaml", "params-acceptance");
    assertEquals(java(tree, "check", "--server", "never", "--cache-dir", cache.toString(), "--config", "conf.yaml",
        "params-acceptance"), declined.normalised());
    assertFalse(declined.out().contains("init/no-exit"));
    st = CliTest.run("server", "--status", "--cache-dir", cache.toString(), servedRoot.toString());
    assertTrue(st.out().contains("2 checks answered"), "the server did not answer the relative --config: " + st.out());
    // before the command line parser is loaded, the quick client sends even a wrong one: the server says what is wrong
    Proc wrong = java(mod, "check", "--fail-on", "everything", "--cache-dir", cache.toString(), ".");
    assertEquals(2, wrong.code());
    assertTrue(wrong.err().contains("--fail-on"), wrong.err());
    assertEquals(java(mod, "check", "--server", "never", "--fail-on", "everything", "--cache-dir", cache.toString(), "."),
        wrong);
    st = CliTest.run("server", "--status", "--cache-dir", cache.toString(), servedRoot.toString());
    assertTrue(st.out().contains("3 checks answered"), st.out());

    assertEquals(0, CliTest.run("server", "--stop", "--cache-dir", cache.toString(), servedRoot.toString()).code());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (CliTest.run("server", "--status", "--cache-dir", cache.toString(), servedRoot.toString()).code() == 0) {
      assertTrue(System.nanoTime() < deadline, "the server did not stop");
      Thread.sleep(50);
    }
  }

  /** A child process's exit code, stdout and stderr. */
  record Proc(int code, String out, String err) {
    Proc normalised() {
      return new Proc(code, ServerEquivalenceTest.normalised(out), ServerEquivalenceTest.normalised(err));
    }
  }

  /** kmodlint in a JVM of its own, in {@code dir}; normalised output. */
  private static Proc java(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss16m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().remove("KMODLINT_STATS");
    Path out = Files.createTempFile("kmodlint-out", ".txt");
    Path err = Files.createTempFile("kmodlint-err", ".txt");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertTrue(p.waitFor(180, TimeUnit.SECONDS), "kmodlint " + List.of(args) + " did not finish");
      return new Proc(p.exitValue(), Files.readString(out), Files.readString(err)).normalised();
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
