package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The pre-commit story end to end, in a temporary git repository: a clean module is
 * committed, a staged change adding a world-writable parameter is refused by the hook that
 * {@code kmodlint install-hook} wrote, with the finding's line; suppressed in source, the
 * same change goes through. The hook runs kmodlint as a separate JVM on this test's class path.
 */
class PreCommitHookTest {
  @TempDir Path tmp;
  private Path repo;

  record Proc(int code, String output) {}

  @BeforeEach
  void gitIsThere() throws Exception {
    Proc git;
    try {
      git = exec(tmp, "git", "--version");
    } catch (IOException e) {
      git = new Proc(-1, e.getMessage());
    }
    if (git.code() != 0) {
      String why = "git is not installed: pre-commit scenario skipped";
      if ("1".equals(System.getenv("KMODLINT_REQUIRE_ORACLES"))) throw new AssertionError(why);
      Assumptions.abort(why);
    }
    repo = Files.createDirectories(tmp.resolve("hello-module"));
  }

  /** The java command that runs kmodlint from this test's class path. */
  static String kmodlintCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return quote(java) + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss16m -cp "
        + quote(System.getProperty("java.class.path")) + " dev.kmodlint.cli.Main";
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private Proc exec(Path dir, String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    // a repository of its own: no global or system git configuration, no user hooks path
    env.put("HOME", tmp.toString());
    env.put("XDG_CONFIG_HOME", tmp.resolve(".config").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "Dev");
    env.put("GIT_AUTHOR_EMAIL", "dev@example.com");
    env.put("GIT_COMMITTER_NAME", "Dev");
    env.put("GIT_COMMITTER_EMAIL", "dev@example.com");
    env.remove("NO_COLOR");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", cmd) + " timed out");
    return new Proc(p.exitValue(), out);
  }

  private Proc git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    return exec(repo, cmd.toArray(String[]::new));
  }

  @Test
  void theHookRefusesAWorldWritableParameterAndLetsItThroughOnceSuppressed() throws Exception {
    Path source = Corpus.DIR.resolve("hello-clean");
    Files.copy(source.resolve("Makefile"), repo.resolve("Makefile"));
    String clean = Files.readString(source.resolve("hello.c"));
    Files.writeString(repo.resolve("hello.c"), clean);
    assertEquals(0, git("init", "-q").code());

    CliTest.Run install = CliTest.run("install-hook", "--repo", repo.toString(), "--command", kmodlintCommand());
    assertEquals(0, install.code(), install.out() + install.err());
    Path hook = repo.resolve(".git/hooks/pre-commit");
    assertTrue(Files.isExecutable(hook), "no executable hook at " + hook);

    assertEquals(0, git("add", "Makefile", "hello.c").code());
    Proc first = git("commit", "-q", "-m", "A clean module");
    assertEquals(0, first.code(), "the clean module is refused:\n" + first.output());

    String knob = "static int knob;\nmodule_param(knob, int, 0666);\nMODULE_PARM_DESC(knob, \"a knob\");\n";
    String withKnob = clean.replace("static int __init hello_init", knob + "\nstatic int __init hello_init");
    Files.writeString(repo.resolve("hello.c"), withKnob);
    int line = lineOf(withKnob, "module_param(knob");
    assertEquals(0, git("add", "hello.c").code());
    Proc refused = git("commit", "-q", "-m", "Add a knob");
    assertNotEquals(0, refused.code(), "the world-writable parameter went through:\n" + refused.output());
    assertTrue(Pattern.compile("(?m)^hello\\.c:" + line + ":\\d+: error: parameter knob is world-writable.*"
        + "\\[param/world-writable\\]").matcher(refused.output()).find(), refused.output());
    assertTrue(refused.output().contains("module_param(knob, int, 0666);"), "the source line is shown:\n"
        + refused.output());
    assertEquals("1", git("rev-list", "--count", "HEAD").output().strip(), "the refused commit was made");

    String suppressed = withKnob.replace("module_param(knob",
        "/* kmodlint-disable-next-line param/world-writable -- a test rig */\nmodule_param(knob");
    Files.writeString(repo.resolve("hello.c"), suppressed);
    assertEquals(0, git("add", "hello.c").code());
    Proc accepted = git("commit", "-q", "-m", "Add a knob, deliberately world-writable");
    assertEquals(0, accepted.code(), "the suppressed finding still refuses the commit:\n" + accepted.output());
    assertFalse(accepted.output().contains("[param/world-writable]"), accepted.output());
    assertEquals("2", git("rev-list", "--count", "HEAD").output().strip());
  }

  /**
   * The hook checks what is committed, the staged content: a bad line staged and then fixed in
   * the work tree only is still refused, and a good staged file is not refused for an unstaged
   * bad edit. The module's other files come from the index too (a subdirectory source whose
   * Makefile is at the top).
   */
  @Test
  void theHookChecksTheStagedContentNotTheWorkTree() throws Exception {
    Path source = Corpus.DIR.resolve("hello-clean");
    Files.copy(source.resolve("Makefile"), repo.resolve("Makefile"));
    String clean = Files.readString(source.resolve("hello.c"));
    Files.writeString(repo.resolve("hello.c"), clean);
    assertEquals(0, git("init", "-q").code());
    CliTest.Run install = CliTest.run("install-hook", "--repo", repo.toString(), "--command", kmodlintCommand());
    assertEquals(0, install.code(), install.out() + install.err());
    assertTrue(install.out().contains("check --fail-on error -- FILES"), "says what the hook runs: " + install.out());
    assertEquals(0, git("add", "Makefile", "hello.c").code());
    assertEquals(0, git("commit", "-q", "-m", "A clean module").code());

    String bad = clean.replace("static int __init hello_init",
        "static int knob;\nmodule_param(knob, int, 0666);\nMODULE_PARM_DESC(knob, \"a knob\");\n\n"
            + "static int __init hello_init");
    Files.writeString(repo.resolve("hello.c"), bad);
    assertEquals(0, git("add", "hello.c").code());
    Files.writeString(repo.resolve("hello.c"), bad.replace("0666", "0644")); // fixed, but not staged
    Proc refused = git("commit", "-q", "-m", "Add a knob");
    assertNotEquals(0, refused.code(), "the staged world-writable parameter went through:\n" + refused.output());
    assertTrue(Pattern.compile("(?m)^hello\\.c:" + lineOf(bad, "module_param(knob") + ":\\d+: error: parameter knob is"
        + " world-writable").matcher(refused.output()).find(), refused.output());
    assertTrue(Files.readString(repo.resolve("hello.c")).contains("0644"), "the work tree is left as it was");

    // the other way round: the staged file is good, the work tree's edit is not committed
    assertEquals(0, git("add", "hello.c").code());
    Files.writeString(repo.resolve("hello.c"), bad);
    Proc accepted = git("commit", "-q", "-m", "Add a knob, read-mostly");
    assertEquals(0, accepted.code(), "refused for an unstaged line:\n" + accepted.output());
    assertEquals("2", git("rev-list", "--count", "HEAD").output().strip());
    assertTrue(git("show", "HEAD:hello.c").output().contains("module_param(knob, int, 0644);"));
  }

  @Test
  void aFileInASubdirectoryIsCheckedWithItsStagedModule() throws Exception {
    Files.createDirectories(repo.resolve("src"));
    Files.writeString(repo.resolve("Makefile"), "obj-m += split.o\nsplit-y := src/main.o src/helper.o\n");
    Files.writeString(repo.resolve("src/main.c"), "// SPDX-License-Identifier: GPL-2.0\n#include <linux/module.h>\n"
        + "int split_helper(void);\nstatic int __init m_init(void)\n{\n\treturn split_helper();\n}\n"
        + "module_init(m_init);\nstatic void __exit m_exit(void)\n{\n}\nmodule_exit(m_exit);\n"
        + "MODULE_DESCRIPTION(\"split\");\n");
    Files.writeString(repo.resolve("src/helper.c"), "// SPDX-License-Identifier: GPL-2.0\n#include <linux/module.h>\n"
        + "int split_helper(void)\n{\n\treturn 0;\n}\nMODULE_LICENSE(\"GPL\");\n");
    assertEquals(0, git("init", "-q").code());
    assertEquals(0, CliTest.run("install-hook", "--repo", repo.toString(), "--command", kmodlintCommand()).code());
    assertEquals(0, git("add", ".").code());
    Proc first = git("commit", "-q", "-m", "split");
    assertEquals(0, first.code(), "the license in the staged helper.c counts:\n" + first.output());

    // the license goes from the index while the work tree keeps it: the commit is refused
    Path helper = repo.resolve("src/helper.c");
    String withLicense = Files.readString(helper);
    Files.writeString(helper, withLicense.replace("MODULE_LICENSE(\"GPL\");\n", ""));
    assertEquals(0, git("add", "src/helper.c").code());
    Files.writeString(helper, withLicense);
    Files.writeString(repo.resolve("src/main.c"), Files.readString(repo.resolve("src/main.c")) + "\n");
    assertEquals(0, git("add", "src/main.c").code());
    Proc refused = git("commit", "-q", "-m", "drop the license");
    assertNotEquals(0, refused.code(), refused.output());
    assertTrue(refused.output().contains("src/main.c:8:1: error: module split has no MODULE_LICENSE()"),
        refused.output());
  }

  @Test
  void installHookKeepsAHookItDidNotWrite() throws Exception {
    assertEquals(0, git("init", "-q").code());
    Path hook = repo.resolve(".git/hooks/pre-commit");
    Files.writeString(hook, "#!/bin/sh\nexit 0\n");
    CliTest.Run r = CliTest.run("install-hook", "--repo", repo.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("--force"), r.err());
    assertEquals("#!/bin/sh\nexit 0\n", Files.readString(hook));
    assertEquals(0, CliTest.run("install-hook", "--repo", repo.toString(), "--force").code());
    assertTrue(Files.readString(hook).contains("kmodlint"));
  }

  @Test
  void installHookOutsideAGitRepositoryIsOneLine() {
    CliTest.Run r = CliTest.run("install-hook", "--repo", tmp.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("kmodlint: ") && r.err().contains("not a git repository"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void preCommitFrameworkHookSelectsModuleFilesAndRunsSerially() throws Exception {
    Path file = Corpus.ROOT.resolve(".pre-commit-hooks.yaml");
    List<Map<String, Object>> hooks = new Yaml().load(Files.readString(file));
    Map<String, Object> hook = hooks.stream().filter(h -> "kmodlint".equals(h.get("id"))).findFirst().orElseThrow();
    assertEquals(Boolean.TRUE, hook.get("require_serial"));
    String entry = (String) hook.get("entry");
    assertTrue(Files.isExecutable(Corpus.ROOT.resolve(entry.split(" ")[0])), entry);
    assertEquals("check", entry.split(" ")[1]);
    Pattern files = Pattern.compile((String) hook.get("files"));
    for (String yes : List.of("hello.c", "drivers/foo/foo.h", "Makefile", "drivers/foo/Kbuild", "Kconfig",
        "drivers/Kconfig.debug")) {
      assertTrue(files.matcher(yes).find(), yes + " not selected");
    }
    for (String no : List.of("README.md", "hello.cpp", "Makefile.orig.txt", "docs/Kconfig/notes.md")) {
      assertFalse(files.matcher(no).find(), no + " selected");
    }
  }

  private static int lineOf(String text, String needle) {
    String before = text.substring(0, text.indexOf(needle));
    return (int) before.chars().filter(c -> c == '\n').count() + 1;
  }
}
