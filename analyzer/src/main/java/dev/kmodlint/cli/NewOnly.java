package dev.kmodlint.cli;

import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.sarif.Baseline;
import java.util.List;

/**
 * {@code --new-only}: of a run compared with a baseline, only what the baseline does not have,
 * so that a legacy tree's report shows what a change brought in and nothing of what it
 * already had (nor, in SARIF, the baseline results no longer found).
 */
final class NewOnly {
  private NewOnly() {}

  static AnalysisResult keepNew(AnalysisResult r, Baseline.Comparison c) {
    return r.withFindings(r.findings().stream().filter(f -> c.stateOf(f) == Baseline.State.NEW).toList(),
        r.suppressed().stream().filter(f -> c.stateOf(f) == Baseline.State.NEW).toList(), r.notifications());
  }

  static Baseline.Comparison withoutAbsent(Baseline.Comparison c) {
    return new Baseline.Comparison(c.states(), List.of());
  }
}
