package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing important hidden: skipped checks, notes on request, statistics, only what is new. */
class ReportOptionsTest {
  @TempDir Path tmp;

  @Test
  void aSkippedCheckThatCouldHideAnErrorIsAWarningPrintedInTheTextReport() throws Exception {
    CliTest.Run r = CliTest.run("check", CliTest.corpus("kbuild-unevaluable"));
    assertEquals(0, r.code(), r.out() + r.err());
    int objm = TyposTest.lineOf(Corpus.DIR.resolve("kbuild-unevaluable/Makefile"), "obj-m += odd.o");
    assertTrue(r.out().lines().anyMatch(l -> l.matches(".*kbuild-unevaluable/Makefile:" + objm + ":\\d+: warning: license/missing"
        + " not checked: module odd: .*\\[kmodlint:rule-skipped\\]")), r.out());
    // the same module's description is a warning-level rule: its skip is a note, printed with --verbose
    assertTrue(!r.out().contains("metadata/description-missing not checked"), r.out());
    CliTest.Run verbose = CliTest.run("check", "--verbose", CliTest.corpus("kbuild-unevaluable"));
    assertTrue(verbose.out().lines().anyMatch(l -> l.contains(": note: metadata/description-missing not checked")),
        verbose.out());
    assertTrue(verbose.out().contains("[kmodlint:kernel-database]"), "every note: " + verbose.out());
  }

  /**
   * Every skip of an error-level rule is said at warning level: a check an error could hide
   * behind changes the verdict. Read from the sources, so that a new rule decides too.
   */
  @Test
  void everySkipOfAnErrorLevelRuleIsAWarning() throws Exception {
    Pattern call = Pattern.compile("\\.(skip|skipWhenIncomplete|skipWithoutHeaders)\\(");
    List<String> wrong = new ArrayList<>();
    int skips = 0;
    try (Stream<Path> files = Files.walk(Corpus.ROOT.resolve("rules/src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith("Rule.java")).toList()) {
        String text = Files.readString(f);
        if (!text.contains("level = Level.ERROR")) continue;
        Matcher m = call.matcher(text);
        while (m.find()) {
          String args = arguments(text, m.end());
          skips++;
          if (!args.contains("Level.WARNING")) wrong.add(f.getFileName() + ": " + m.group(1) + "(" + args + ")");
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(skips >= 15, "the scan found the skips: " + skips);
  }

  /** The text of a call's arguments, from just after its '(' to the matching ')'; strings skipped. */
  private static String arguments(String text, int from) {
    int depth = 1;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        for (i++; i < text.length() && text.charAt(i) != '"'; i++) if (text.charAt(i) == '\\') i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return text.substring(from, i);
      }
    }
    throw new AssertionError("unbalanced call at " + from);
  }

  @Test
  void statisticsCountFindingsPerRule() {
    CliTest.Run r = CliTest.run("check", "--statistics", CliTest.corpus("params-permissions"));
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).matches("\\s+\\d+  param/\\S+\\s+error\\s+.*"), r.out());
    assertTrue(r.out().contains("[*]: `kmodlint check --fix` fixes them"), r.out());
    assertTrue(!r.out().contains("perms.c:"), "no findings listed: " + r.out());
    CliTest.Run sarif = CliTest.run("check", "--statistics", "--format", "sarif", CliTest.corpus("hello-clean"));
    assertEquals(2, sarif.code(), sarif.err());
  }

  @Test
  void newOnlyReportsWhatTheBaselineDoesNotHave() throws Exception {
    Path tree = Corpus.copy("params-permissions", tmp.resolve("legacy"));
    Path baseline = tmp.resolve("baseline.sarif");
    assertEquals(0, CliTest.run("check", "--format", "sarif", "--fail-on", "none", "--output", baseline.toString(),
        tree.toString()).code());
    CliTest.Run old = CliTest.run("check", "--baseline", baseline.toString(), "--new-only", tree.toString());
    assertEquals(0, old.code(), "the baseline's findings alone do not fail: " + old.out());
    assertTrue(old.out().startsWith("no problems"), old.out());

    Path perms = tree.resolve("perms.c");
    Files.writeString(perms, Files.readString(perms) + "\nstatic int knob;\nmodule_param(knob, int, 0666);\n"
        + "MODULE_PARM_DESC(knob, \"a knob\");\n");
    CliTest.Run added = CliTest.run("check", "--baseline", baseline.toString(), "--new-only", tree.toString());
    assertEquals(1, added.code(), added.out());
    List<String> findings = added.out().lines().filter(l -> l.matches(".*perms\\.c:\\d+:\\d+: .*")).toList();
    assertEquals(1, findings.size(), added.out());
    assertTrue(findings.get(0).contains("parameter knob is world-writable") && findings.get(0).contains("(new)"),
        findings.get(0));

    Path sarif = tmp.resolve("new.sarif");
    CliTest.run("check", "--baseline", baseline.toString(), "--new-only", "--format", "sarif", "--output",
        sarif.toString(), tree.toString());
    JsonNode results = new ObjectMapper().readTree(sarif.toFile()).at("/runs/0/results");
    assertEquals(1, results.size(), results.toString());
    assertEquals("new", results.get(0).get("baselineState").asText());

    assertEquals(2, CliTest.run("check", "--new-only", tree.toString()).code(), "--new-only needs --baseline");
  }
}
