package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's pre-commit configuration run by the real pre-commit framework (Debian's package
 * {@code pre-commit}), in a temporary module repository whose hook repository is a clone of
 * this checkout (with its working-tree launcher and hook manifest): a clean commit passes, a
 * staged world-writable parameter is refused with its line, and fixing it in the work tree
 * without staging the fix does not let the staged version through. The framework's own clone
 * of the hook repository gets a {@code target/kmodlint.jar} that runs this test's classes, so
 * that no Maven build is needed.
 */
class PreCommitFrameworkTest {
  @TempDir Path tmp;
  private Path repo;

  record Proc(int code, String output) {}

  @BeforeEach
  void preCommitIsThere() {
    for (String tool : List.of("git", "pre-commit")) {
      Proc p;
      try {
        p = exec(tmp, tool, "--version");
      } catch (IOException | InterruptedException e) {
        p = new Proc(-1, e.getMessage());
      }
      if (p.code() != 0) {
        String why = tool + " is not installed (Debian: apt-get install " + tool + "): the pre-commit framework"
            + " scenario is skipped";
        if ("1".equals(System.getenv("KMODLINT_REQUIRE_ORACLES"))) throw new AssertionError(why);
        Assumptions.abort(why);
      }
    }
    repo = tmp.resolve("module");
  }

  private Proc exec(Path dir, String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("HOME", tmp.toString());
    env.put("XDG_CONFIG_HOME", tmp.resolve(".config").toString());
    env.put("XDG_CACHE_HOME", tmp.resolve(".cache").toString());
    env.put("PRE_COMMIT_HOME", tmp.resolve("pre-commit-home").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "Dev");
    env.put("GIT_AUTHOR_EMAIL", "dev@example.com");
    env.put("GIT_COMMITTER_NAME", "Dev");
    env.put("GIT_COMMITTER_EMAIL", "dev@example.com");
    env.put("KMODLINT_NO_CDS", "1");
    env.remove("NO_COLOR");
    env.remove("PRE_COMMIT_COLOR");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", cmd) + " timed out");
    return new Proc(p.exitValue(), out);
  }

  private Proc in(Path dir, String... cmd) throws Exception {
    Proc p = exec(dir, cmd);
    assertEquals(0, p.code(), String.join(" ", cmd) + ":\n" + p.output());
    return p;
  }

  /** README's .pre-commit-config.yaml: the yaml block of its pre-commit section. */
  static String readmeConfig() throws IOException {
    String readme = Files.readString(Corpus.ROOT.resolve("README.md"));
    String section = readme.substring(readme.indexOf("## pre-commit"));
    Matcher m = Pattern.compile("```yaml\n(repos:.*?)```", Pattern.DOTALL).matcher(section);
    assertTrue(m.find(), "README's pre-commit section has no .pre-commit-config.yaml block");
    return m.group(1);
  }

  /** A clone of this checkout with the working tree's launcher and hook manifest: what is being tested. */
  private String hookRepository(Path clone) throws Exception {
    in(tmp, "git", "clone", "-q", "--depth", "1", "--no-tags", Corpus.ROOT.toUri().toString(), clone.toString());
    for (String f : List.of(".pre-commit-hooks.yaml", "kmodlint")) {
      Files.copy(Corpus.ROOT.resolve(f), clone.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    if (!in(clone, "git", "status", "--porcelain").output().isBlank()) {
      in(clone, "git", "add", ".pre-commit-hooks.yaml", "kmodlint");
      in(clone, "git", "commit", "-q", "-m", "the working tree's hook files");
    }
    return in(clone, "git", "rev-parse", "HEAD").output().strip();
  }

  @Test
  void readmesConfigurationThroughTheRealFramework() throws Exception {
    String config = readmeConfig();
    assertTrue(config.contains("repo: https://github.com/kmodlint/kmodlint") && config.contains("id: kmodlint"), config);
    Path clone = tmp.resolve("kmodlint-clone");
    String sha = hookRepository(clone);
    String local = config.replace("https://github.com/kmodlint/kmodlint", clone.toString())
        .replaceAll("(?m)^(\\s*rev:\\s*)\\S+.*$", "$1" + sha);

    Files.createDirectories(repo);
    Path source = Corpus.DIR.resolve("hello-clean");
    Files.copy(source.resolve("Makefile"), repo.resolve("Makefile"));
    String clean = Files.readString(source.resolve("hello.c"));
    Files.writeString(repo.resolve("hello.c"), clean);
    Files.writeString(repo.resolve(".pre-commit-config.yaml"), local);
    in(repo, "git", "init", "-q");
    in(repo, "pre-commit", "install");
    in(repo, "pre-commit", "install-hooks");
    // the framework's own clone of the hook repository: give it a kmodlint.jar
    Path cached;
    try (Stream<Path> s = Files.walk(tmp.resolve("pre-commit-home"), 2)) {
      cached = s.filter(p -> Files.isRegularFile(p.resolve(".pre-commit-hooks.yaml"))
          && Files.isExecutable(p.resolve("kmodlint"))).findFirst().orElseThrow();
    }
    ManifestJar.write(cached.resolve("target/kmodlint.jar"));

    in(repo, "git", "add", ".pre-commit-config.yaml", "Makefile", "hello.c");
    Proc first = exec(repo, "git", "commit", "-q", "-m", "A clean module");
    assertEquals(0, first.code(), "the clean module is refused:\n" + first.output());
    assertTrue(first.output().contains("kmodlint") && first.output().contains("Passed"), first.output());

    String bad = clean.replace("static int __init hello_init",
        "static int knob;\nmodule_param(knob, int, 0666);\nMODULE_PARM_DESC(knob, \"a knob\");\n\n"
            + "static int __init hello_init");
    int line = (int) bad.substring(0, bad.indexOf("module_param(knob")).chars().filter(c -> c == '\n').count() + 1;
    Files.writeString(repo.resolve("hello.c"), bad);
    in(repo, "git", "add", "hello.c");
    Proc refused = exec(repo, "git", "commit", "-q", "-m", "Add a knob");
    assertNotEquals(0, refused.code(), "the world-writable parameter went through:\n" + refused.output());
    Pattern finding = Pattern.compile("(?m)^hello\\.c:" + line + ":\\d+: error: parameter knob is world-writable.*"
        + "\\[param/world-writable\\]");
    assertTrue(finding.matcher(refused.output()).find(), refused.output());

    // fixed in the work tree, not staged: the staged version is what would be committed
    Files.writeString(repo.resolve("hello.c"), bad.replace("0666", "0644"));
    Proc stillRefused = exec(repo, "git", "commit", "-q", "-m", "Add a knob");
    assertNotEquals(0, stillRefused.code(), "an unstaged fix let the staged line through:\n" + stillRefused.output());
    assertTrue(finding.matcher(stillRefused.output()).find(), stillRefused.output());
    assertTrue(Files.readString(repo.resolve("hello.c")).contains("0644"), "pre-commit put the unstaged fix back");
    assertEquals("1", in(repo, "git", "rev-list", "--count", "HEAD").output().strip());

    in(repo, "git", "add", "hello.c");
    Proc accepted = exec(repo, "git", "commit", "-q", "-m", "Add a knob");
    assertEquals(0, accepted.code(), "the fixed module is refused:\n" + accepted.output());
  }

  /**
   * The rev README gives is a commit of this repository whose hook manifest has the kmodlint
   * hook: there is no release tag to name, and a commit SHA is what pre-commit accepts without
   * a warning (a branch name is "a mutable reference", never updated once cloned).
   */
  @Test
  void readmesRevIsACommitWithTheHook() throws Exception {
    Matcher rev = Pattern.compile("(?m)^\\s*rev:\\s*(\\S+)").matcher(readmeConfig());
    assertTrue(rev.find(), readmeConfig());
    String sha = rev.group(1);
    assertTrue(sha.matches("[0-9a-f]{40}"), "a full commit SHA, not " + sha);
    Assumptions.assumeFalse(in(Corpus.ROOT, "git", "rev-parse", "--is-shallow-repository").output().contains("true"),
        "a shallow clone need not hold the commit");
    Proc manifest = exec(Corpus.ROOT, "git", "show", sha + ":.pre-commit-hooks.yaml");
    assertEquals(0, manifest.code(), sha + " is not a commit of this repository with a hook manifest:\n"
        + manifest.output());
    assertTrue(manifest.output().contains("- id: kmodlint"), manifest.output());
    assertEquals(0, exec(Corpus.ROOT, "git", "merge-base", "--is-ancestor", sha, "HEAD").code(),
        sha + " is not in the history of this checkout");
  }
}
