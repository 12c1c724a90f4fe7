package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The text report as people read it in a terminal: excerpt and caret, summary, colours, --quiet. */
class TerminalOutputTest {
  private static final String ESC = "\u001b[";

  @Test
  void eachFindingShowsItsSourceLineWithACaretUnderTheColumn() {
    CliTest.Run r = CliTest.run("check", CliTest.corpus("params-permissions"));
    List<String> lines = r.out().lines().toList();
    int at = lines.indexOf(lines.stream().filter(l -> l.matches(".*perms\\.c:13:29: error: .*")).findFirst().orElseThrow());
    assertEquals("   13 | module_param(p_dec444, int, 444); /* expect: param/non-octal-permission@29 */", lines.get(at + 1));
    assertEquals("      | " + " ".repeat(28) + "^~~", lines.get(at + 2), "caret under column 29, tildes to the end");
  }

  @Test
  void summaryCountsLevelsSuppressedModulesFilesAndTime() {
    CliTest.Run r = CliTest.run("check", CliTest.corpus("suppressions"));
    String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.matches("4 errors, 13 warnings \\(\\d+ suppressed\\) in 1 module \\(1 file\\) in \\d+\\.\\ds.*"), last);
    assertFalse(r.out().contains("module_param(debug, int, 0666)"), "suppressed findings are not shown");
  }

  @Test
  void coloursOnlyWhenAskedForOrOnATerminal() {
    String corpus = CliTest.corpus("license-missing-single");
    assertFalse(CliTest.run("check", corpus).out().contains(ESC), "not a terminal: no colour");
    assertFalse(CliTest.run("check", "--color", "never", corpus).out().contains(ESC));
    String coloured = CliTest.run("check", "--color", "always", corpus).out();
    assertTrue(coloured.contains(ESC + "1;31merror:" + ESC + "0m"), coloured);
    CliTest.Run bad = CliTest.run("check", "--color", "sometimes", corpus);
    assertEquals(2, bad.code());
  }

  @Test
  void quietPrintsFindingsOnly() {
    CliTest.Run r = CliTest.run("check", "--quiet", CliTest.corpus("license-missing-single"));
    assertEquals(1, r.code());
    assertTrue(r.out().contains("[license/missing]"), r.out());
    assertFalse(r.out().contains(" in 1 module"), "no summary: " + r.out());
    assertEquals("", CliTest.run("check", "-q", CliTest.corpus("hello-clean")).out());
  }

  /** A real terminal through script(1): colour by default, none with NO_COLOR, and --color always beats NO_COLOR. */
  @Test
  void onATerminalColourFollowsNoColor() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) is not installed");
    String corpus = CliTest.corpus("license-missing-single");
    assertTrue(onTerminal(null, corpus).contains(ESC + "1;31m"), "no colour on a terminal");
    assertFalse(onTerminal("1", corpus).contains(ESC + "1;31m"), "NO_COLOR is ignored");
    assertTrue(onTerminal("1", "--color", "always", corpus).contains(ESC + "1;31m"), "--color always loses to NO_COLOR");
  }

  private static String onTerminal(String noColor, String... args) throws Exception {
    StringBuilder cmd = new StringBuilder(PreCommitHookTest.kmodlintCommand()).append(" check");
    for (String a : args) cmd.append(" '").append(a).append("'");
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qfec", cmd.toString(), "/dev/null")
        .redirectErrorStream(true);
    pb.environment().remove("NO_COLOR");
    pb.environment().put("TERM", "xterm");
    if (noColor != null) pb.environment().put("NO_COLOR", noColor);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertTrue(out.contains("[license/missing]"), out);
    return out;
  }
}
