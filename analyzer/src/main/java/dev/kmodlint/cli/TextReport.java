package dev.kmodlint.cli;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.sarif.Baseline;
import dev.kmodlint.text.SourceLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compiler-style output, as gcc prints it: {@code path:line:col: level: message [rule-id]},
 * the source line with a caret under the column, then one summary line. Suppressed findings
 * are not shown, only counted. Colours (ANSI, gcc's choice of them) only when asked for.
 */
final class TextReport {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[1;31m";
  private static final String MAGENTA = "\u001b[1;35m";
  private static final String CYAN = "\u001b[1;36m";
  private static final String GREEN = "\u001b[1;32m";
  private static final String DIM = "\u001b[2m";

  private final Path base;
  private final boolean color;
  private final boolean quiet;
  private final Optional<Baseline.Comparison> baseline;
  private final boolean verbose;
  private final boolean statistics;
  private final Map<Path, Optional<SourceLines>> sources = new java.util.concurrent.ConcurrentHashMap<>();
  /** Longer lines (generated tables, minified blobs) are not repeated under the finding. */
  private static final int LONGEST_EXCERPT = 240;
  /** Without --verbose, at most this many different messages of one notification id are printed. */
  static final int MESSAGES_PER_ID = 10;

  TextReport(Path base, boolean color, boolean quiet, Optional<Baseline.Comparison> baseline) {
    this(base, color, quiet, baseline, false, false);
  }

  /**
   * {@code verbose}: every notification, notes too, each on its own line; {@code statistics}:
   * a count per rule instead of the findings (as {@code ruff --statistics} prints them).
   */
  TextReport(Path base, boolean color, boolean quiet, Optional<Baseline.Comparison> baseline, boolean verbose,
      boolean statistics) {
    this.base = base.toAbsolutePath().normalize();
    this.color = color;
    this.quiet = quiet;
    this.baseline = baseline;
    this.verbose = verbose;
    this.statistics = statistics;
  }

  void write(AnalysisResult r, PrintWriter out) {
    if (statistics) {
      statistics(r).forEach(out::println);
    } else {
      // the files the excerpts come from, read on all cores first (a warm run of drivers/ spent a
      // tenth of its time reading them one by one)
      r.findings().stream().map(f -> f.position().file()).distinct().toList().parallelStream()
          .forEach(file -> sources.computeIfAbsent(file, TextReport::read));
      for (Finding f : r.findings()) {
        // a finding of some of the kernels of the run says which: error[6.12]:
        String kernels = f.kernels().isEmpty() ? "" : "[" + String.join(",", f.kernels()) + "]";
        String level = paint(levelColor(f.level()), f.level().sarif() + kernels + ":");
        String state = baseline.map(b -> b.stateOf(f) == Baseline.State.NEW ? " " + paint(BOLD, "(new)") : "")
            .orElse("");
        out.println(paint(BOLD, where(f.position()) + ":") + " " + level + " " + Terminal.printable(f.message())
            + state + " " + paint(DIM, "[" + f.ruleId() + "]"));
        excerpt(f.position()).forEach(out::println);
        for (Finding.Fix fx : f.fixes()) out.println("    fix: " + Terminal.printable(fx.description()));
      }
    }
    if (!quiet) {
      int hidden = notifications(r.notifications(), out);
      out.println(summary(r, baseline, hidden));
    }
    out.flush();
  }

  /**
   * The notifications about the run, after the findings, errors first: every warning and
   * error (a check that did not run can change the verdict), notes only with --verbose. One
   * line for each message, however many places gave it ({@code (and 299 more places)}), at
   * most {@link #MESSAGES_PER_ID} messages for one id, then a line that counts the rest;
   * --verbose prints each notification where it is. Returns how many were not printed.
   */
  private int notifications(List<Notification> all, PrintWriter out) {
    Map<String, List<Notification>> byMessage = new java.util.LinkedHashMap<>();
    List<Notification> sorted = new ArrayList<>(all);
    sorted.sort(java.util.Comparator.comparing(Notification::level).thenComparing(Notification::id)
        .thenComparing(java.util.Comparator.naturalOrder()));
    int hidden = 0;
    for (Notification n : sorted) {
      if (n.level() == Level.NOTE && !verbose) {
        hidden++;
        continue;
      }
      String key = verbose ? n.level() + "\0" + n.id() + "\0" + n.message() + "\0" + n.position()
          : n.level() + "\0" + n.id() + "\0" + n.message();
      byMessage.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
    }
    Map<String, Integer> shownPerId = new HashMap<>();
    Map<String, Integer> leftPerId = new java.util.LinkedHashMap<>();
    Map<String, Level> levelOf = new HashMap<>();
    for (List<Notification> same : byMessage.values()) {
      Notification n = same.get(0);
      String group = n.level() + " " + n.id();
      levelOf.put(group, n.level());
      if (!verbose && shownPerId.merge(group, 1, Integer::sum) > MESSAGES_PER_ID) {
        leftPerId.merge(group, same.size(), Integer::sum);
        continue;
      }
      String at = n.position().map(p -> paint(BOLD, where(p) + ":") + " ").orElse("kmodlint: ");
      String more = same.size() > 1 ? " (and " + plural(same.size() - 1, "more place") + ")" : "";
      out.println(at + paint(levelColor(n.level()), n.level().sarif() + ":") + " " + Terminal.printable(n.message())
          + more + " " + paint(DIM, "[kmodlint:" + n.id() + "]"));
    }
    leftPerId.forEach((group, count) -> {
      String id = group.substring(group.indexOf(' ') + 1);
      Level level = levelOf.get(group);
      out.println("kmodlint: " + paint(levelColor(level), level.sarif() + ":") + " " + plural(count, "more " + id
          + " notification") + " (--verbose prints them all) " + paint(DIM, "[kmodlint:" + id + "]"));
    });
    return hidden;
  }

  /**
   * {@code ruff --statistics}: for each rule that found something, how many findings, its
   * level, {@code [*]} when {@code --fix} can fix them, and its summary; most frequent first.
   */
  static List<String> statistics(AnalysisResult r) {
    Map<String, Long> counts = new HashMap<>();
    Map<String, Boolean> fixable = new HashMap<>();
    for (Finding f : r.findings()) {
      counts.merge(f.ruleId(), 1L, Long::sum);
      fixable.merge(f.ruleId(), !f.fixes().isEmpty(), Boolean::logicalOr);
    }
    Map<String, dev.kmodlint.rule.RuleDescriptor> rules = new HashMap<>();
    for (var d : r.rules()) rules.put(d.id(), d);
    List<String> ids = new ArrayList<>(counts.keySet());
    ids.sort(java.util.Comparator.comparing((String id) -> -counts.get(id)).thenComparing(id -> id));
    int width = ids.stream().mapToInt(String::length).max().orElse(0);
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      var d = rules.get(id);
      Level level = d != null ? d.level() : r.findings().stream().filter(f -> f.ruleId().equals(id)).findFirst()
          .orElseThrow().level();
      out.add(String.format(Locale.ROOT, "%6d  %-" + width + "s  %-7s  %s%s", counts.get(id), id, level.sarif(),
          fixable.get(id) ? "[*] " : "", d != null ? d.summary() : ""));
    }
    if (fixable.containsValue(true)) out.add("[*]: `kmodlint check --fix` fixes them");
    return out;
  }

  /**
   * {@code 3 errors, 1 warning (2 suppressed) in 2 modules (14 files) in 0.4s}: counts that are
   * zero are left out, suppressed and (with a baseline) new results counted in parentheses.
   */
  static String summary(AnalysisResult r, Optional<Baseline.Comparison> baseline) {
    long notes = r.notifications().size();
    return summary(r, baseline, -1) + (notes == 0 ? "" : "; " + plural(notes, "notification") + " (in the report)");
  }

  /** The summary of a text report that left {@code hiddenNotes} notes out (-1: say nothing of them). */
  private static String summary(AnalysisResult r, Optional<Baseline.Comparison> baseline, int hiddenNotes) {
    List<String> counts = new ArrayList<>();
    for (Level l : Level.values()) {
      long n = r.findings().stream().filter(f -> f.level() == l).count();
      if (n > 0) counts.add(plural(n, l.sarif()));
    }
    List<String> extra = new ArrayList<>();
    baseline.ifPresent(b -> extra.add(r.findings().stream().filter(f -> b.stateOf(f) == Baseline.State.NEW).count()
        + " new"));
    if (!r.suppressed().isEmpty()) extra.add(r.suppressed().size() + " suppressed");
    double secs = Duration.between(r.startTime(), r.endTime()).toMillis() / 1000.0;
    return String.format(Locale.ROOT, "%s%s in %s (%s) in %.1fs%s",
        counts.isEmpty() ? "no problems" : String.join(", ", counts),
        extra.isEmpty() ? "" : " (" + String.join(", ", extra) + ")",
        plural(r.project().modules().size(), "module"), plural(r.filesAnalyzed(), "file"), secs,
        hiddenNotes <= 0 ? "" : "; " + plural(hiddenNotes, "note") + " on the run (--verbose prints them)");
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  /**
   * gcc's excerpt: the line, then a caret under the column and tildes to the end of the
   * region. Tabs before the column are kept in the caret line so that it lines up; control
   * characters are shown escaped, and the caret line makes room for what they became.
   */
  private List<String> excerpt(SourcePosition p) {
    Optional<SourceLines> text = sources.computeIfAbsent(p.file(), TextReport::read);
    if (text.isEmpty() || text.get().binary() || p.line() > text.get().lineCount()) return List.of();
    // measured first: a line of megabytes is neither shown nor copied once per finding on it
    if (text.get().lineLength(p.line(), LONGEST_EXCERPT) > LONGEST_EXCERPT) return List.of();
    String line = text.get().line(p.line());
    if (line.isBlank()) return List.of();
    StringBuilder shown = new StringBuilder(line.length() + 8);
    int[] at = new int[line.length() + 1]; // where each character of the line starts in what is shown
    for (int i = 0; i < line.length(); i++) {
      at[i] = shown.length();
      Terminal.append(shown, line.charAt(i));
    }
    at[line.length()] = shown.length();
    String number = String.valueOf(p.line());
    String gutter = " ".repeat(Math.max(0, 5 - number.length()));
    StringBuilder marker = new StringBuilder();
    int column = Math.max(1, Math.min(p.column(), line.length() + 1));
    for (int i = 0; i < column - 1; i++) {
      if (line.charAt(i) == '\t') marker.append('\t');
      else marker.append(" ".repeat(at[i + 1] - at[i]));
    }
    int end = p.endLine() == p.line() ? Math.max(column, Math.min(p.endColumn(), line.length() + 1)) : line.length() + 1;
    String underline = "^" + "~".repeat(Math.max(0, at[end - 1] - at[column - 1] - 1));
    boolean wholeLine = p.endLine() == p.line() && p.endColumn() == p.column();
    if (wholeLine) underline = "^";
    return List.of(gutter + number + " | " + shown,
        " ".repeat(gutter.length() + number.length()) + " | " + marker + paint(GREEN, underline));
  }

  private static Optional<SourceLines> read(Path file) {
    try {
      return Optional.of(SourceLines.read(file));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  private static String levelColor(Level l) {
    return switch (l) {
      case ERROR -> RED;
      case WARNING -> MAGENTA;
      case NOTE -> CYAN;
    };
  }

  private String paint(String style, String text) {
    return color ? style + text + RESET : text;
  }

  String where(SourcePosition p) {
    return Terminal.printable(relative(p.file())) + ":" + p.line() + ":" + p.column();
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
