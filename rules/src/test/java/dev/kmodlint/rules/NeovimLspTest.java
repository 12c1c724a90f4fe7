package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kmodlint.cli.Main;
import dev.kmodlint.report.Tool;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmodlint lsp} with a real client: headless Neovim (Debian's 0.7, built-in LSP client)
 * runs {@code lsp-neovim.lua}, which opens a file of a copy of the params-acceptance scenario,
 * waits for diagnostics, applies the quick fix of the world-writable parameter, saves and
 * waits for that finding to go. The findings it must see are those {@code kmodlint check}
 * prints for the file (rule, line, column, level), with the rule's page as the code's link.
 */
class NeovimLspTest {
  private static final Pattern TEXT_FINDING =
      Pattern.compile("^(.+):(\\d+):(\\d+): (error|warning|note): .* \\[([a-z]+/[a-z0-9-]+)\\]$", Pattern.MULTILINE);

  @TempDir Path tmp;

  private static Path nvim() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "nvim");
      if (Files.isExecutable(p)) return p;
    }
    String why = "nvim is not installed (apt-get install neovim): the language server's client test is skipped";
    if ("1".equals(System.getenv("KMODLINT_REQUIRE_ORACLES"))) fail(why);
    Assumptions.abort(why);
    return null;
  }

  /** What check says of {@code file}: "rule line column severity" (LSP severities: 1 error, 2 warning, 3 note). */
  private static Set<String> findingsOfCheck(Path dir, Path file) {
    CliTest.Run r = CliTest.run("check", "--server", "never", "--no-cache", dir.toString());
    Set<String> out = new TreeSet<>();
    Matcher m = TEXT_FINDING.matcher(r.out());
    while (m.find()) {
      if (!Path.of(m.group(1)).toAbsolutePath().normalize().equals(file)) continue;
      int severity = switch (m.group(4)) {
        case "error" -> 1;
        case "warning" -> 2;
        default -> 3;
      };
      out.add(m.group(5) + " " + m.group(2) + " " + m.group(3) + " " + severity);
    }
    return out;
  }

  private static String json(List<String> strings) {
    return strings.stream().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(",", "[", "]"));
  }

  @Test
  void neovimSeesTheFindingsAppliesTheQuickFixAndSeesTheFindingGone() throws Exception {
    Path nvim = nvim();
    Path dir = Corpus.copy("params-acceptance", tmp.resolve("params-acceptance"));
    Path file = dir.resolve("acceptance.c").toAbsolutePath().normalize();
    Set<String> expected = findingsOfCheck(dir, file);
    assertTrue(expected.stream().anyMatch(f -> f.startsWith("param/world-writable 10 26 ")), expected.toString());
    // the corpus annotations agree on rules and lines
    Set<String> annotated = new TreeSet<>();
    for (Corpus.Annotation a : Corpus.annotations(dir)) {
      if (a.kind() == Corpus.Kind.EXPECT && a.file().equals("acceptance.c")) annotated.add(a.id() + " " + a.line());
    }
    assertEquals(annotated, expected.stream().map(f -> f.substring(0, f.lastIndexOf(' ', f.lastIndexOf(' ') - 1)))
        .collect(Collectors.toCollection(TreeSet::new)));

    Path script = tmp.resolve("test.lua");
    try (InputStream in = NeovimLspTest.class.getResourceAsStream("lsp-neovim.lua")) {
      Files.write(script, in.readAllBytes());
    }
    Path observations = tmp.resolve("observations.txt");
    List<String> server = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss16m",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "lsp");
    ProcessBuilder pb = new ProcessBuilder(nvim.toString(), "--headless", "-u", "NONE", "-i", "NONE", "-n",
        "-c", "luafile " + script)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("nvim.log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("KMODLINT_LSP_OUT", observations.toString());
    pb.environment().put("KMODLINT_LSP_FILE", file.toString());
    pb.environment().put("KMODLINT_LSP_CMD", json(server));
    pb.environment().put("XDG_STATE_HOME", tmp.resolve("state").toString()); // no log in the user's home
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail("Neovim did not finish: " + read(observations) + read(tmp.resolve("nvim.log")));
    }
    String seen = read(observations);
    assertEquals(0, p.exitValue(), seen + read(tmp.resolve("nvim.log")));

    Set<String> before = new TreeSet<>();
    Set<String> after = new TreeSet<>();
    for (String line : seen.split("\n")) {
      String[] f = line.split(" ");
      if (!f[0].equals("before") && !f[0].equals("after")) continue;
      assertEquals(Tool.helpUri(f[1]), f[5], "codeDescription of " + f[1]);
      (f[0].equals("before") ? before : after).add(f[1] + " " + f[2] + " " + f[3] + " " + f[4]);
    }
    assertEquals(expected, before, seen);
    Set<String> fixed = new TreeSet<>(expected);
    fixed.removeIf(f -> f.startsWith("param/world-writable "));
    assertEquals(fixed, after, seen);
    assertTrue(seen.contains("encoding utf-16"), seen);
    // level is read outside __init code: the fix lets only the owner write, as the kernel's own parameters do
    assertTrue(seen.contains("action quickfix let only the owner write: replace '0666' with '0644'"), seen);
    assertTrue(seen.contains("\ndone\n"), seen);
    assertTrue(Files.readString(file).contains("module_param(level, int, 0644);"), "the fix was saved");
  }

  private static String read(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }
}
