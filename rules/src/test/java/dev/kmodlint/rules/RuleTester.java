package dev.kmodlint.rules;

import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.engine.Analyzer;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One rule on a few inline files, the way error-prone's {@code CompilationTestHelper} and
 * clang-tidy's lit tests check one checker:
 *
 * <pre>
 * RuleTester.of(ParamWorldWritableRule.class)
 *     .file("m.c", "...")                 // the first file is where expect(line, col, ...) points
 *     .file("Kbuild", "obj-m += m.o\n")
 *     .expect(5, 26, "0666")              // line, column, a fragment of the message
 *     .expectFix("m.c", "...")            // the whole file once the findings' fixes are applied
 *     .run();
 * </pre>
 *
 * The files are written to a temporary directory and analyzed by the real engine ({@link
 * Analyzer}) with only this rule registered, against the kernel embedded in kmodlint (or those
 * {@link #kernels} names). Every
 * finding must be expected and every expectation found, at its line and column; the failure
 * lists all of both. An error- or warning-level notification of the run (a parse failure, a
 * crashed rule) fails too unless {@link #expectNotification} announces it; note-level ones
 * (a rule's skips) only when expected. {@code ruleIds()} of the run is this rule alone.
 */
final class RuleTester {
  private final Class<? extends Rule> ruleClass;
  private final Map<String, String> files = new LinkedHashMap<>();
  private final List<Expected> expected = new ArrayList<>();
  private final List<ExpectedNotification> notifications = new ArrayList<>();
  private final Map<String, String> fixed = new LinkedHashMap<>();
  private boolean expectNone;
  private List<dev.kmodlint.engine.KernelTarget> kernels = List.of();

  private record Expected(String file, int line, int column, String fragment) {
    @Override
    public String toString() {
      return file + ":" + line + ":" + column + " containing \"" + fragment + "\"";
    }
  }

  private record ExpectedNotification(String id, String file, int line, String fragment) {
    @Override
    public String toString() {
      return "[" + id + "] at " + file + ":" + line + " containing \"" + fragment + "\"";
    }
  }

  private RuleTester(Class<? extends Rule> ruleClass) {
    this.ruleClass = ruleClass;
  }

  static RuleTester of(Class<? extends Rule> ruleClass) {
    return new RuleTester(ruleClass);
  }

  /**
   * The embedded kernels to check against ({@code "6.12"}; several: a pass each, findings merged,
   * and an expectation's fragment may say where it holds, {@code "on 6.12 only: "}); none: the default kernel.
   */
  RuleTester kernels(String... names) {
    List<dev.kmodlint.engine.KernelTarget> out = new ArrayList<>();
    for (String n : names) out.add(new dev.kmodlint.engine.KernelTarget.Embedded(n));
    kernels = List.copyOf(out);
    return this;
  }

  /** A file of the tree, {@code path} relative to its root ({@code "sub/Kbuild"} makes {@code sub/}). */
  RuleTester file(String path, String text) {
    if (files.putIfAbsent(path, text) != null) throw new IllegalArgumentException(path + " given twice");
    return this;
  }

  /** A finding in the first file, at this line and column, whose message contains {@code fragment}. */
  RuleTester expect(int line, int column, String fragment) {
    if (files.isEmpty()) throw new IllegalStateException("expect(line, col, ...) points into the first file: add it first");
    return expect(files.keySet().iterator().next(), line, column, fragment);
  }

  RuleTester expect(String file, int line, int column, String fragment) {
    expected.add(new Expected(file, line, column, fragment));
    return this;
  }

  /** The rule reports nothing here (the same as expecting nothing, said aloud). */
  RuleTester expectNone() {
    expectNone = true;
    return this;
  }

  /** A notification of the run with this id, on this line of {@code file}, whose message contains {@code fragment}. */
  RuleTester expectNotification(String id, String file, int line, String fragment) {
    notifications.add(new ExpectedNotification(id, file, line, fragment));
    return this;
  }

  /** {@code file}'s whole text once every fix of every finding in it is applied. */
  RuleTester expectFix(String file, String textAfterFixes) {
    fixed.put(file, textAfterFixes);
    return this;
  }

  /** Runs the rule and fails with every difference from the expectations. */
  AnalysisResult run() {
    if (files.isEmpty()) throw new IllegalStateException("no files");
    if (expectNone && !(expected.isEmpty() && fixed.isEmpty()))
      throw new IllegalStateException("expectNone() together with expected findings");
    if (!expectNone && expected.isEmpty())
      throw new IllegalStateException("say what the rule reports: expect(...) (also for the findings whose fixes"
          + " expectFix checks), or expectNone()");
    Rule rule;
    try {
      rule = ruleClass.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make a " + ruleClass.getName() + ": " + e, e);
    }
    String id = RuleDescriptor.of(rule).id();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("kmodlint-rule-tester").toRealPath();
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path target = dir.resolve(f.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.getValue());
      }
      AnalysisResult result = new dev.kmodlint.engine.MultiKernelAnalyzer(RuleRegistry.of(List.of(rule)))
          .analyze(AnalysisOptions.of(List.of(dir)).withJobs(1).withKernels(kernels));
      List<String> problems = compare(dir, result);
      if (!problems.isEmpty())
        throw new AssertionError(id + ": " + problems.size() + " difference" + (problems.size() == 1 ? "" : "s")
            + " from the expectations\n  " + String.join("\n  ", problems));
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) delete(dir);
    }
  }

  private List<String> compare(Path dir, AnalysisResult result) throws IOException {
    List<String> problems = new ArrayList<>();
    List<Expected> missing = new ArrayList<>(expected);
    for (Finding f : result.findings()) {
      Expected match = null;
      for (Expected e : missing) {
        if (e.file().equals(relative(dir, f.position().file())) && e.line() == f.position().line()
            && e.column() == f.position().column() && f.qualifiedMessage().contains(e.fragment())) {
          match = e;
          break;
        }
      }
      if (match != null) missing.remove(match);
      else problems.add("unexpected finding: " + describe(dir, f.position()) + ": " + f.qualifiedMessage());
    }
    for (Expected e : missing) problems.add("missing finding: " + e);

    List<ExpectedNotification> missingNotes = new ArrayList<>(notifications);
    for (Notification n : result.notifications()) {
      ExpectedNotification match = null;
      for (ExpectedNotification e : missingNotes) {
        if (e.id().equals(n.id()) && n.position().isPresent()
            && e.file().equals(relative(dir, n.position().get().file())) && e.line() == n.position().get().line()
            && n.message().contains(e.fragment())) {
          match = e;
          break;
        }
      }
      if (match != null) missingNotes.remove(match);
      else if (n.level() != Level.NOTE)
        problems.add("unexpected " + n.level().sarif() + " notification [" + n.id() + "] "
            + n.position().map(p -> describe(dir, p) + ": ").orElse("") + n.message());
    }
    for (ExpectedNotification e : missingNotes) problems.add("missing notification: " + e);

    for (Map.Entry<String, String> want : fixed.entrySet()) {
      String source = files.get(want.getKey());
      if (source == null) throw new IllegalArgumentException("expectFix for " + want.getKey() + ", which is no file");
      Path file = dir.resolve(want.getKey());
      // every edit of every fix in this file (a fix may change several places, or files)
      List<Finding.Fix> fixes = new ArrayList<>();
      for (Finding f : result.findings())
        for (Finding.Fix fx : f.fixes())
          for (Finding.Fix.Edit e : fx.edits())
            if (e.region().file().equals(file)) fixes.add(new Finding.Fix(fx.description(), List.of(e)));
      if (fixes.isEmpty()) {
        problems.add("no fix changes " + want.getKey());
        continue;
      }
      String after;
      try {
        after = applyFixes(source, fixes);
      } catch (IllegalArgumentException e) {
        problems.add("fixes of " + want.getKey() + " cannot be applied: " + e.getMessage());
        continue;
      }
      if (!after.equals(want.getValue()))
        problems.add("after the fixes " + want.getKey() + " reads\n" + indent(after) + "\n  instead of\n"
            + indent(want.getValue()));
    }
    return problems;
  }

  /**
   * The text with each edit's region replaced by its text, as a SARIF viewer applies a result's
   * fix: 1-based lines and columns, columns in UTF-16 code units (Java chars), end exclusive.
   * Overlapping regions are an error.
   */
  static String applyFixes(String text, List<Finding.Fix> fixes) {
    List<Finding.Fix.Edit> edits = new ArrayList<>();
    for (Finding.Fix fx : fixes) edits.addAll(fx.edits());
    List<int[]> spans = new ArrayList<>();
    for (Finding.Fix.Edit e : edits) {
      SourcePosition r = e.region();
      spans.add(new int[] {offset(text, r.line(), r.column()), offset(text, r.endLine(), r.endColumn()),
          spans.size()});
    }
    spans.sort(Comparator.comparingInt((int[] s) -> s[0]).thenComparingInt(s -> s[1]));
    for (int i = 1; i < spans.size(); i++)
      if (spans.get(i)[0] < spans.get(i - 1)[1]) throw new IllegalArgumentException("two fixes overlap at offset "
          + spans.get(i)[0]);
    StringBuilder sb = new StringBuilder(text);
    for (int i = spans.size() - 1; i >= 0; i--) {
      int[] s = spans.get(i);
      sb.replace(s[0], s[1], edits.get(s[2]).text());
    }
    return sb.toString();
  }

  private static int offset(String text, int line, int column) {
    int at = 0;
    for (int l = 1; l < line; l++) {
      int nl = text.indexOf('\n', at);
      if (nl < 0) throw new IllegalArgumentException("line " + line + " is past the end of the file");
      at = nl + 1;
    }
    int lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0) lineEnd = text.length();
    if (column - 1 > lineEnd - at) throw new IllegalArgumentException("column " + column + " is past the end of line " + line);
    return at + column - 1;
  }

  private static String indent(String text) {
    return "    | " + text.replace("\n", "\n    | ");
  }

  private static String relative(Path dir, Path file) {
    return dir.relativize(file).toString();
  }

  private static String describe(Path dir, SourcePosition p) {
    return relative(dir, p.file()) + ":" + p.line() + ":" + p.column();
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      // a temporary directory left behind is no test failure
    }
  }
}
