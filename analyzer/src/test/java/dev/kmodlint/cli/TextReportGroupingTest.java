package dev.kmodlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.Project;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.RuleDescriptor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the text report prints of the notifications about a run, and its statistics. */
class TextReportGroupingTest {
  private static final Path ROOT = Path.of("/nowhere/tree").toAbsolutePath();
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final RuleDescriptor WW = new RuleDescriptor("param/world-writable", Level.ERROR,
      "Parameter permission has the other-write bit", "", List.of("security"), "high", "none");
  private static final RuleDescriptor LM = new RuleDescriptor("license/missing", Level.ERROR,
      "Module has no MODULE_LICENSE", "", List.of(), "high", "none");

  private static AnalysisResult result(List<Finding> findings, List<Notification> notes) {
    return new AnalysisResult(ROOT, new Project(ROOT, List.of(), List.of()), List.of(LM, WW), findings, notes, T,
        T.plusMillis(1500), true, 2);
  }

  private static String print(AnalysisResult r, boolean verbose, boolean statistics) {
    StringWriter s = new StringWriter();
    new TextReport(ROOT, false, false, Optional.empty(), verbose, statistics).write(r, new PrintWriter(s));
    return s.toString();
  }

  private static SourcePosition at(String file, int line) {
    return SourcePosition.line(ROOT.resolve(file), line);
  }

  @Test
  void identicalNotificationsAreOneLineWithACountAndTheFirstPlace() {
    List<Notification> notes = new ArrayList<>();
    for (int i = 300; i >= 1; i--) {
      notes.add(Notification.at("rule-skipped", Level.WARNING, "symbol/gpl-only not checked: no header index", at(
          "m" + String.format("%03d", i) + ".c", 1)));
    }
    String out = print(result(List.of(), notes), false, false);
    List<String> lines = out.lines().toList();
    assertEquals(2, lines.size(), out);
    assertEquals("m001.c:1:1: warning: symbol/gpl-only not checked: no header index (and 299 more places)"
        + " [kmodlint:rule-skipped]", lines.get(0));
    assertEquals(301, print(result(List.of(), notes), true, false).lines().count(), "--verbose: each one");
  }

  @Test
  void manyDifferentMessagesOfOneIdAreCappedAndCounted() {
    List<Notification> notes = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      notes.add(Notification.at("rule-skipped", Level.WARNING, "license/missing not checked: module m" + (char) ('a' + i),
          at("m" + (char) ('a' + i) + ".c", 3)));
    }
    notes.add(Notification.of("parse-failure", Level.ERROR, "x.c: could not be parsed"));
    String out = print(result(List.of(), notes), false, false);
    List<String> lines = out.lines().toList();
    assertEquals("kmodlint: error: x.c: could not be parsed [kmodlint:parse-failure]", lines.get(0), "errors first");
    assertEquals(TextReport.MESSAGES_PER_ID, lines.stream().filter(l -> l.contains("license/missing not checked"))
        .count(), out);
    assertTrue(lines.contains("kmodlint: warning: 5 more rule-skipped notifications (--verbose prints them all)"
        + " [kmodlint:rule-skipped]"), out);
  }

  @Test
  void notesOnlyWithVerboseAndTheSummarySaysHowManyWereLeftOut() {
    List<Notification> notes = List.of(
        Notification.of("kernel-database", Level.NOTE, "assumed kernel exports: Debian 6.1"),
        Notification.at("rule-skipped", Level.NOTE, "init/no-exit not checked: module odd", at("odd.c", 2)),
        Notification.at("rule-skipped", Level.WARNING, "license/missing not checked: module odd", at("odd.c", 2)));
    String quiet = print(result(List.of(), notes), false, false);
    assertTrue(quiet.contains("license/missing not checked") && !quiet.contains("kernel-database")
        && !quiet.contains("init/no-exit"), quiet);
    assertTrue(quiet.strip().endsWith("; 2 notes on the run (--verbose prints them)"), quiet);
    String verbose = print(result(List.of(), notes), true, false);
    assertTrue(verbose.contains("kmodlint: note: assumed kernel exports: Debian 6.1 [kmodlint:kernel-database]")
        && verbose.contains("odd.c:2:1: note: init/no-exit not checked"), verbose);
    assertTrue(!verbose.contains("--verbose prints them"), verbose);
  }

  @Test
  void statisticsCountEachRuleMostFrequentFirstAndMarkWhatFixFixes() {
    Finding.Fix fix = new Finding.Fix("drop group and other write", at("a.c", 3), "0644");
    List<Finding> findings = List.of(
        new Finding("license/missing", Level.ERROR, "no license", at("a.c", 9), List.of()),
        new Finding("param/world-writable", Level.ERROR, "ww", at("a.c", 3), List.of(), List.of(fix), List.of()),
        new Finding("param/world-writable", Level.ERROR, "ww", at("a.c", 4), List.of(), List.of(fix), List.of()));
    String out = print(result(findings, List.of()), false, true);
    List<String> lines = out.lines().toList();
    assertEquals("     2  param/world-writable  error    [*] Parameter permission has the other-write bit", lines.get(0));
    assertEquals("     1  license/missing       error    Module has no MODULE_LICENSE", lines.get(1));
    assertEquals("[*]: `kmodlint check --fix` fixes them", lines.get(2));
    assertTrue(lines.get(3).startsWith("3 errors in 0 modules (2 files)"), out);
    assertTrue(!out.contains("a.c:3"), "the findings themselves are not listed");
  }
}
