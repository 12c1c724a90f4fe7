package dev.kmodlint.cli;

import dev.kmodlint.engine.AnalysisResult;
import dev.kmodlint.engine.Finding;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Compiler-style output: {@code path:line:col: level: message [rule-id]}, then a summary. */
final class TextReport {
  private final Path base;

  TextReport(Path base) {
    this.base = base.toAbsolutePath().normalize();
  }

  void write(AnalysisResult r, PrintWriter out) {
    for (Finding f : r.findings()) {
      out.println(where(f.position()) + ": " + f.level().sarif() + ": " + f.message() + " [" + f.ruleId() + "]");
      for (Finding.Fix fx : f.fixes()) out.println("    fix: " + fx.description());
    }
    for (Notification n : r.notifications()) {
      if (n.level() == Level.NOTE) continue;
      String at = n.position().map(p -> where(p) + ": ").orElse("kmodlint: ");
      out.println(at + n.level().sarif() + ": " + n.message() + " [kmodlint:" + n.id() + "]");
    }
    out.println(summary(r));
    out.flush();
  }

  static String summary(AnalysisResult r) {
    long errors = r.findings().stream().filter(f -> f.level() == Level.ERROR).count();
    long warnings = r.findings().stream().filter(f -> f.level() == Level.WARNING).count();
    long notes = r.findings().stream().filter(f -> f.level() == Level.NOTE).count();
    double secs = Duration.between(r.startTime(), r.endTime()).toMillis() / 1000.0;
    return String.format(Locale.ROOT, "%s, %s, %s in %s (%s) in %.1fs; %s",
        plural(errors, "error"), plural(warnings, "warning"), plural(notes, "note"),
        plural(r.project().modules().size(), "module"), plural(r.filesAnalyzed(), "file"), secs,
        plural(r.notifications().size(), "notification"));
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  String where(SourcePosition p) {
    return relative(p.file()) + ":" + p.line() + ":" + p.column();
  }

  private String relative(Path file) {
    Path f = file.toAbsolutePath().normalize();
    if (f.startsWith(base)) {
      String rel = base.relativize(f).toString();
      return rel.isEmpty() ? "." : rel;
    }
    try {
      return base.relativize(f).toString();
    } catch (IllegalArgumentException e) {
      return f.toString();
    }
  }
}
