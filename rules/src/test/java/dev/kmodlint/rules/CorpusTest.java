package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.engine.Analyzer;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.model.Notification;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
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
 * the annotations: a missing expected finding, an unexpected one, or one on an {@code ok:} line
 * fails. Prints a TP/FP/FN table per rule at the end.
 */
class CorpusTest {
  private static final Map<String, int[]> TALLY = new TreeMap<>(); // rule -> {tp, fp, fn}

  @TestFactory
  Stream<DynamicTest> everyScenario() {
    RuleRegistry registry = RuleRegistry.discover();
    return Corpus.cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(),
        () -> check(registry, dir)));
  }

  record Key(String rule, String file, int line) {}

  private static void check(RuleRegistry registry, Path dir) throws Exception {
    AnalysisResult r = new Analyzer(registry).analyze(AnalysisOptions.of(List.of(dir)));
    List<Corpus.Annotation> anns = Corpus.annotations(dir);
    List<Key> expected = new ArrayList<>();
    Set<Key> okLines = new HashSet<>();
    for (Corpus.Annotation a : anns) {
      Key k = new Key(a.id(), a.file(), a.line());
      if (a.kind() == Corpus.Kind.EXPECT) expected.add(k);
      else if (a.kind() == Corpus.Kind.OK) okLines.add(k);
    }
    List<Key> actual = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Finding f : r.findings()) {
      actual.add(new Key(f.ruleId(), dir.relativize(f.position().file()).toString(), f.position().line()));
    }
    List<Key> missing = new ArrayList<>(expected);
    for (Key k : actual) {
      if (missing.remove(k)) {
        tally(k.rule(), 0);
      } else {
        tally(k.rule(), 1);
        String msg = r.findings().get(actual.indexOf(k)).message();
        problems.add((okLines.contains(k) ? "finding on an ok: line: " : "unexpected finding: ")
            + k.file() + ":" + k.line() + " [" + k.rule() + "] " + msg);
      }
    }
    for (Key k : missing) {
      tally(k.rule(), 2);
      problems.add("missing finding: " + k.file() + ":" + k.line() + " [" + k.rule() + "]");
    }
    for (Corpus.Annotation a : anns) {
      if (a.kind() != Corpus.Kind.NOTIFICATION) continue;
      boolean found = false;
      for (Notification n : r.notifications()) {
        if (n.id().equals(a.id()) && n.position().isPresent()
            && dir.relativize(n.position().get().file()).toString().equals(a.file())
            && n.position().get().line() == a.line()) found = true;
      }
      if (!found) problems.add("missing notification: " + a.file() + ":" + a.line() + " [" + a.id() + "]; got "
          + r.notifications().stream().map(n -> n.id() + "@" + n.position().map(p -> dir.relativize(p.file()) + ":" + p.line()).orElse("-")).toList());
    }
    for (Notification n : r.notifications()) {
      assertTrue(!n.id().equals("rule-failure"), "a rule crashed: " + n.message());
    }
    if (!problems.isEmpty()) fail(dir.getFileName() + ":\n  " + String.join("\n  ", problems));
  }

  private static synchronized void tally(String rule, int column) {
    TALLY.computeIfAbsent(rule, k -> new int[3])[column]++;
  }

  @AfterAll
  static void printTable() {
    StringBuilder sb = new StringBuilder("\nCorpus agreement per rule\n");
    sb.append(String.format("%-32s %4s %4s %4s%n", "rule", "TP", "FP", "FN"));
    TALLY.forEach((rule, t) -> sb.append(String.format("%-32s %4d %4d %4d%n", rule, t[0], t[1], t[2])));
    System.out.println(sb);
  }
}
