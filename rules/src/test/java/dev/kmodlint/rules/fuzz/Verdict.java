package dev.kmodlint.rules.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What a case came to: the worst thing that went wrong, or PASS. */
final class Verdict {
  /** Worst first. SKIP is neither a pass nor a failure: the case cannot run here, and says why. */
  enum Outcome { HANG, CRASH, EXIT, LOST, MESSAGE, WRONG, ERROR, SKIP, PASS }

  record Problem(Outcome outcome, String detail) {}

  private final List<Problem> problems = new ArrayList<>();
  private Duration took = Duration.ZERO;
  private String skipped;

  void add(Outcome o, String detail) {
    problems.add(new Problem(o, detail));
  }

  void skip(String why) {
    skipped = why;
  }

  void took(Duration d) {
    took = took.plus(d);
  }

  Duration took() {
    return took;
  }

  Outcome outcome() {
    if (skipped != null && problems.isEmpty()) return Outcome.SKIP;
    return problems.stream().map(Problem::outcome).min(Comparator.naturalOrder()).orElse(Outcome.PASS);
  }

  /** The first problem of the worst kind, shortened for the table; the skip reason for a skipped case. */
  String detail() {
    if (outcome() == Outcome.SKIP) return skipped;
    Outcome worst = outcome();
    return problems.stream().filter(p -> p.outcome() == worst).map(Problem::detail).findFirst().orElse("");
  }

  List<Problem> problems() {
    return problems;
  }
}
