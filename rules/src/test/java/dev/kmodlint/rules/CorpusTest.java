package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.RuleDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario of {@code test-corpus/} through the analyzer and compares findings with
 * the annotations (test-corpus/README.md): a missing expected finding, an unexpected one (other
 * line, other column, a message without the annotation's fragment), one on an {@code ok:} line,
 * a {@code todo:} that now fires, a {@code todo-ok:} that no longer does, an annotation naming
 * no rule, and an error- or warning-level notification of the run that no
 * {@code expect-notification:} announces: each fails. Prints a table per rule at the end, with
 * the known misses ({@code todo:}) and known false positives ({@code todo-ok:}) apart.
 */
class CorpusTest {
  private static final Map<String, int[]> TALLY = new TreeMap<>(); // rule -> {tp, fp, fn, todo, todo-ok}
  private static final int TP = 0;
  private static final int FP = 1;
  private static final int FN = 2;
  private static final int KNOWN_MISS = 3;
  private static final int KNOWN_FP = 4;

  @TestFactory
  Stream<DynamicTest> everyScenario() {
    RuleRegistry registry = RuleRegistry.discover();
    return Corpus.cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(),
        () -> check(registry, dir)));
  }

  private static void check(RuleRegistry registry, Path dir) throws Exception {
    AnalysisResult r = Corpus.analyze(registry, dir);
    List<String> problems = compare(registry, dir, r, Corpus.annotations(dir), Corpus.malformed(dir), true);
    for (Notification n : r.notifications()) {
      assertTrue(!n.id().equals("rule-failure"), "a rule crashed: " + n.message());
    }
    if (!problems.isEmpty()) fail(dir.getFileName() + ":\n  " + String.join("\n  ", problems));
  }

  /** Every difference between a run and the annotations of its scenario; {@code tally} counts them in the table. */
  static List<String> compare(RuleRegistry registry, Path dir, AnalysisResult r, List<Corpus.Annotation> anns,
      List<Corpus.Malformed> malformed, boolean tally) {
    Set<String> ruleIds = new HashSet<>(registry.descriptors().stream().map(RuleDescriptor::id).toList());
    List<String> problems = new ArrayList<>();
    for (Corpus.Malformed m : malformed)
      problems.add("not an annotation (see test-corpus/README.md): " + m.file() + ":" + m.line() + ": " + m.text());
    List<Corpus.Annotation> expected = new ArrayList<>();
    List<Corpus.Annotation> todo = new ArrayList<>();
    List<Corpus.Annotation> todoOk = new ArrayList<>();
    List<Corpus.Annotation> ok = new ArrayList<>();
    for (Corpus.Annotation a : anns) {
      if (a.kind() == Corpus.Kind.NOTIFICATION) continue;
      String kind = switch (a.kind()) {
        case EXPECT -> "expect";
        case OK -> "ok";
        case TODO -> "todo";
        default -> "todo-ok";
      };
      if (!ruleIds.contains(a.id())) {
        problems.add(kind + ": names " + a.id() + ", which is no rule: " + a.where());
        continue;
      }
      switch (a.kind()) {
        case EXPECT -> {
          if (a.column() == 0) problems.add("expect: " + a.id() + " at " + a.where() + " has no column: write "
              + a.id() + "@COL");
          else expected.add(a);
        }
        case OK -> ok.add(a);
        case TODO -> todo.add(a);
        default -> todoOk.add(a);
      }
    }
    List<Corpus.Annotation> missing = new ArrayList<>(expected);
    Set<Corpus.Annotation> todoOkFired = new HashSet<>();
    for (Finding f : r.findings()) {
      String file = dir.relativize(f.position().file()).toString();
      int line = f.position().line();
      int column = f.position().column();
      Corpus.Annotation match = find(missing, f, file, line, column, true);
      if (match != null) {
        missing.remove(match);
        count(tally, f.ruleId(), TP);
        continue;
      }
      Corpus.Annotation knownFp = find(todoOk, f, file, line, column, false);
      if (knownFp != null) {
        todoOkFired.add(knownFp);
        count(tally, f.ruleId(), KNOWN_FP);
        continue;
      }
      count(tally, f.ruleId(), FP);
      Corpus.Annotation nowFires = find(todo, f, file, line, column, false);
      String at = file + ":" + line + ":" + column + " [" + f.ruleId() + "] " + f.qualifiedMessage();
      if (nowFires != null) {
        todo.remove(nowFires);
        problems.add("todo: " + f.ruleId() + " at " + file + ":" + line + " now fires: make it expect: "
            + f.ruleId() + "@" + column + " (" + f.qualifiedMessage() + ")");
      } else if (find(ok, f, file, line, column, false) != null) {
        problems.add("finding on an ok: line: " + at);
      } else {
        problems.add("unexpected finding: " + at);
      }
    }
    for (Corpus.Annotation a : missing) {
      count(tally, a.id(), FN);
      problems.add("missing finding: " + a.where() + " [" + a.id() + "]"
          + (a.fragment().isEmpty() ? "" : " containing \"" + a.fragment() + "\""));
    }
    for (Corpus.Annotation a : todo) count(tally, a.id(), KNOWN_MISS);
    for (Corpus.Annotation a : todoOk) {
      if (!todoOkFired.contains(a))
        problems.add("todo-ok: " + a.id() + " at " + a.where() + " no longer fires: make it ok:");
    }

    List<Corpus.Annotation> notes = new ArrayList<>(anns.stream().filter(a -> a.kind() == Corpus.Kind.NOTIFICATION).toList());
    List<Corpus.Annotation> unmatched = new ArrayList<>(notes);
    for (Notification n : r.notifications()) {
      Corpus.Annotation match = null;
      for (Corpus.Annotation a : notes) {
        if (!a.id().equals(n.id())) continue;
        // a notification about the run as a whole is announced anywhere in the scenario
        if (n.position().isEmpty() || (dir.relativize(n.position().get().file()).toString().equals(a.file())
            && n.position().get().line() == a.line())) {
          match = a;
          break;
        }
      }
      if (match != null) {
        unmatched.remove(match);
      } else if (n.level() != Level.NOTE) {
        problems.add("unexpected " + n.level().sarif() + " notification: "
            + n.position().map(p -> dir.relativize(p.file()) + ":" + p.line() + " ").orElse("")
            + "[" + n.id() + "] " + n.message());
      }
    }
    for (Corpus.Annotation a : unmatched)
      problems.add("missing notification: " + a.file() + ":" + a.line() + " [" + a.id() + "]; got "
          + r.notifications().stream().map(n -> n.id() + "@"
              + n.position().map(p -> dir.relativize(p.file()) + ":" + p.line()).orElse("-")).toList());
    return problems;
  }

  /**
   * The annotation of {@code f}'s rule on its line: at its column and with a fragment its message
   * contains when {@code exact}; a {@code todo:} or {@code ok:} matches the line (and the column
   * when it gives one).
   */
  private static Corpus.Annotation find(List<Corpus.Annotation> anns, Finding f, String file, int line, int column,
      boolean exact) {
    for (Corpus.Annotation a : anns) {
      if (!a.id().equals(f.ruleId()) || !a.file().equals(file) || a.line() != line) continue;
      if ((exact || a.column() > 0) && a.column() != column) continue;
      if (!f.qualifiedMessage().contains(a.fragment())) continue;
      return a;
    }
    return null;
  }

  private static synchronized void count(boolean tally, String rule, int column) {
    if (tally) TALLY.computeIfAbsent(rule, k -> new int[5])[column]++;
  }

  @AfterAll
  static void printTable() {
    StringBuilder sb = new StringBuilder("\nCorpus agreement per rule (todo: known misses; todo-ok: known false positives)\n");
    sb.append(String.format("%-36s %4s %4s %4s %5s %8s%n", "rule", "TP", "FP", "FN", "todo", "todo-ok"));
    TALLY.forEach((rule, t) -> sb.append(String.format("%-36s %4d %4d %4d %5d %8d%n", rule, t[TP], t[FP], t[FN],
        t[KNOWN_MISS], t[KNOWN_FP])));
    System.out.println(sb);
  }
}
