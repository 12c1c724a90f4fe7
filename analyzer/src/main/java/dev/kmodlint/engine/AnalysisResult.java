package dev.kmodlint.engine;

import dev.kmodlint.model.Notification;
import dev.kmodlint.model.Project;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one run: the model, the rules that ran, their findings (sorted) and the
 * notifications about the run itself (sorted). {@code scanRoot} is what SARIF calls
 * {@code %SRCROOT%}. {@code kernelRelease} names the kernel the analysis assumed, if any.
 */
public record AnalysisResult(
    Path scanRoot,
    Project project,
    List<RuleDescriptor> rules,
    List<Finding> findings,
    List<Notification> notifications,
    Instant startTime,
    Instant endTime,
    boolean executionSuccessful,
    int filesAnalyzed) {

  public AnalysisResult {
    rules = List.copyOf(rules);
    findings = List.copyOf(findings);
    notifications = List.copyOf(notifications);
  }
}
