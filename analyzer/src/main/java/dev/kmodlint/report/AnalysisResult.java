package dev.kmodlint.report;

import dev.kmodlint.model.Notification;
import dev.kmodlint.model.Project;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.RuleDescriptor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one run: the model, the rules that ran, their findings (sorted) and the
 * notifications about the run itself (sorted). {@code scanRoot} is what SARIF calls
 * {@code %SRCROOT%}. {@code suppressed}: findings an in-source {@code kmodlint-disable}
 * comment silences; they are kept apart from {@code findings} so that exit codes and text
 * output ignore them, while SARIF still lists them as suppressed. {@code kernels}: the kernels
 * of a run against several ({@code --kernel 6.1,6.12}), by the names findings give them
 * ({@link Finding#kernels()}); empty for a run against one.
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
    int filesAnalyzed,
    List<Finding> suppressed,
    List<String> kernels) {

  public AnalysisResult {
    rules = List.copyOf(rules);
    findings = List.copyOf(findings);
    notifications = List.copyOf(notifications);
    suppressed = List.copyOf(suppressed);
    kernels = List.copyOf(kernels);
  }

  /** A result of a run against one kernel. */
  public AnalysisResult(Path scanRoot, Project project, List<RuleDescriptor> rules, List<Finding> findings,
      List<Notification> notifications, Instant startTime, Instant endTime, boolean executionSuccessful,
      int filesAnalyzed, List<Finding> suppressed) {
    this(scanRoot, project, rules, findings, notifications, startTime, endTime, executionSuccessful,
        filesAnalyzed, suppressed, List.of());
  }

  /** A result without suppressed findings. */
  public AnalysisResult(Path scanRoot, Project project, List<RuleDescriptor> rules, List<Finding> findings,
      List<Notification> notifications, Instant startTime, Instant endTime, boolean executionSuccessful,
      int filesAnalyzed) {
    this(scanRoot, project, rules, findings, notifications, startTime, endTime, executionSuccessful,
        filesAnalyzed, List.of(), List.of());
  }

  /** The same result with other findings (after configuration, selection or a baseline). */
  public AnalysisResult withFindings(List<Finding> findings, List<Finding> suppressed,
      List<Notification> notifications) {
    return new AnalysisResult(scanRoot, project, rules, findings, notifications, startTime, endTime,
        executionSuccessful, filesAnalyzed, suppressed, kernels);
  }
}
