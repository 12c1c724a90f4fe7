package dev.kmodlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.Project;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiler-style text, character for character: the findings, then the run's error- and
 * warning-level notifications (errors first; notes only counted, see TextReportGroupingTest).
 */
class TextReportTest {
  @TempDir Path dir;
  Path main;
  Path sub;

  @BeforeEach
  void sources() throws IOException {
    main = Files.writeString(dir.resolve("m.c"), "#include <linux/module.h>\nstatic int debug;\nmodule_param(debug, int, 0666);\n");
    sub = Files.writeString(Files.createDirectories(dir.resolve("sub")).resolve("k.c"), "\tint  x;\n");
  }

  private AnalysisResult result() {
    Finding worldWritable = new Finding("param/world-writable", Level.ERROR, "parameter debug is world-writable (0666)",
        new SourcePosition(main, 3, 26, 3, 30), List.of(),
        List.of(new Finding.Fix("drop the other-write bit", new SourcePosition(main, 3, 26, 3, 30), "0664")), List.of());
    Finding afterTab = new Finding("symbol/extern-in-c", Level.NOTE, "x after a tab", new SourcePosition(sub, 1, 7, 1, 8),
        List.of());
    Finding wholeLine = new Finding("license/missing", Level.WARNING, "about the whole line", SourcePosition.line(main, 2),
        List.of());
    Finding suppressed = new Finding("param/missing-description", Level.NOTE, "silenced", SourcePosition.line(main, 3),
        List.of());
    List<Notification> notes = List.of(
        Notification.at("read-failure", Level.WARNING, "cannot read other.h", SourcePosition.startOf(dir.resolve("other.h"))),
        Notification.of("rule-failure", Level.ERROR, "rule x/y failed and reported nothing"),
        Notification.of("kernel-database", Level.NOTE, "notes are for SARIF only"));
    Module m = Module.of("m", dir, Module.Origin.KBUILD, List.of(), Optional.empty(), Set.of());
    return new AnalysisResult(dir, new Project(dir, List.of(m), List.of()), List.of(),
        List.of(wholeLine, worldWritable, afterTab), notes, Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(2_540), true,
        2, List.of(suppressed));
  }

  private String write(boolean color, boolean quiet) {
    StringWriter out = new StringWriter();
    new TextReport(dir, color, quiet, Optional.empty()).write(result(), new PrintWriter(out));
    return out.toString();
  }

  @Test
  void eachFindingWithItsLineAndCaretThenTheNotificationsThenOneSummaryLine() {
    assertEquals("""
        m.c:2:1: warning: about the whole line [license/missing]
            2 | static int debug;
              | ^
        m.c:3:26: error: parameter debug is world-writable (0666) [param/world-writable]
            3 | module_param(debug, int, 0666);
              |                          ^~~~
            fix: drop the other-write bit
        sub/k.c:1:7: note: x after a tab [symbol/extern-in-c]
            1 | \tint  x;
              | \t     ^
        kmodlint: error: rule x/y failed and reported nothing [kmodlint:rule-failure]
        other.h:1:1: warning: cannot read other.h [kmodlint:read-failure]
        1 error, 1 warning, 1 note (1 suppressed) in 1 module (2 files) in 1.5s; 1 note on the run (--verbose prints them)
        """, write(false, false));
  }

  @Test
  void quietLeavesOutTheNotificationsAndTheSummary() {
    String quiet = write(false, true);
    assertEquals(List.of("m.c:2:1: warning: about the whole line [license/missing]",
        "m.c:3:26: error: parameter debug is world-writable (0666) [param/world-writable]",
        "sub/k.c:1:7: note: x after a tab [symbol/extern-in-c]"),
        quiet.lines().filter(l -> !l.startsWith(" ")).toList());
  }

  @Test
  void coloursAreGccsAndOnlyWhenAskedFor() {
    String esc = "\u001b[";
    String coloured = write(true, false);
    assertEquals(esc + "1mm.c:3:26:" + esc + "0m " + esc + "1;31merror:" + esc + "0m parameter debug is world-writable"
        + " (0666) " + esc + "2m[param/world-writable]" + esc + "0m", coloured.lines().toList().get(3));
    assertEquals("      |                          " + esc + "1;32m^~~~" + esc + "0m", coloured.lines().toList().get(5));
    assertEquals(write(false, false), coloured.replaceAll("\u001b\\[[0-9;]*m", ""), "the same text without them");
  }
}
