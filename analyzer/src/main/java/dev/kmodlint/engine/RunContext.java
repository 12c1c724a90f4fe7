package dev.kmodlint.engine;

import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.Project;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SuppressionDirective;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleDescriptor;
import dev.kmodlint.symbols.SymbolResolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one rule sees during a run: the project, the kernel, the symbol resolution (shared by
 * every rule of the run, computed on first use) and where its findings and skips go. One
 * context per rule, so that a rule that fails loses only its own findings.
 */
final class RunContext implements RuleContext {
  private final RuleDescriptor rule;
  private final Project project;
  private final KernelDatabase kernel;
  private final Supplier<SymbolResolution> symbols;
  private final List<SuppressionDirective> directives;
  private final Set<String> ruleIds;
  private final List<Finding> findings = new ArrayList<>();
  private final List<Notification> skipped = new ArrayList<>();

  private final List<SuppressionDirective> unused;

  RunContext(RuleDescriptor rule, Project project, KernelDatabase kernel, Supplier<SymbolResolution> symbols,
      List<SuppressionDirective> directives, Set<String> ruleIds) {
    this(rule, project, kernel, symbols, directives, ruleIds, List.of());
  }

  RunContext(RuleDescriptor rule, Project project, KernelDatabase kernel, Supplier<SymbolResolution> symbols,
      List<SuppressionDirective> directives, Set<String> ruleIds, List<SuppressionDirective> unused) {
    this.unused = unused;
    this.rule = rule;
    this.project = project;
    this.kernel = kernel;
    this.symbols = symbols;
    this.directives = directives;
    this.ruleIds = ruleIds;
  }

  @Override
  public Project project() {
    return project;
  }

  @Override
  public KernelDatabase kernel() {
    return kernel;
  }

  @Override
  public SymbolResolution symbols() {
    return symbols.get();
  }

  @Override
  public List<SuppressionDirective> suppressionDirectives() {
    return directives;
  }

  @Override
  public List<SuppressionDirective> unusedSuppressions() {
    return unused;
  }

  String ruleId() {
    return rule.id();
  }

  @Override
  public Set<String> ruleIds() {
    return ruleIds;
  }

  @Override
  public void report(SourcePosition at, String message, List<Finding.Related> related, List<Finding.Fix> fixes,
      List<Finding.Related> flow) {
    findings.add(new Finding(rule.id(), rule.level(), message, at, related, fixes, flow));
  }

  @Override
  public void report(Level level, SourcePosition at, String message, List<Finding.Related> related) {
    findings.add(new Finding(rule.id(), level, message, at, related, List.of(), List.of()));
  }

  @Override
  public void skip(SourcePosition at, String why) {
    skip(Level.NOTE, at, why);
  }

  @Override
  public void skip(Level level, SourcePosition at, String why) {
    skipped.add(Notification.at("rule-skipped", level, rule.id() + " not checked: " + why, at));
  }

  List<Finding> findings() {
    return findings;
  }

  /** Each skip once. */
  List<Notification> skipped() {
    return skipped.stream().distinct().toList();
  }
}
