package dev.kmodlint.rule;

import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleObject;
import dev.kmodlint.model.Project;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SuppressionDirective;
import dev.kmodlint.symbols.SymbolResolution;
import java.util.List;
import java.util.Set;

/** What a rule sees: the project model, and a way to report. */
public interface RuleContext {
  Project project();

  /** The kernel the scanned modules are built against: its exports and header index, read on first use. */
  KernelDatabase kernel();

  /** Who provides each symbol the scanned modules use (computed once per run, on first use). */
  SymbolResolution symbols();

  /**
   * Reports a finding. {@code fixes}: mechanical replacements; {@code flow}: the steps of a
   * multi-step finding (caller -> ... -> callee), shown as a SARIF codeFlow.
   */
  void report(SourcePosition at, String message, List<Finding.Related> related, List<Finding.Fix> fixes,
      List<Finding.Related> flow);

  /**
   * Reports a finding at another level than the rule's: for the rule that knows one case of its
   * kind is milder (or worse) than the rest ({@code symbol/exported-twice} against a kernel
   * module, which conflicts only when both are loaded, is a warning).
   */
  void report(Level level, SourcePosition at, String message, List<Finding.Related> related);

  default void report(SourcePosition at, String message, List<Finding.Related> related) {
    report(at, message, related, List.of(), List.of());
  }

  /**
   * The rule cannot decide here because the analyzer lacks something (a source it could not
   * read, a macro from an unread header): said in the run's notifications, never guessed. A
   * note: what was not checked could at most be a warning or a style point.
   */
  void skip(SourcePosition at, String why);

  /**
   * {@link #skip(SourcePosition, String)} at a level: {@link Level#WARNING} when what was not
   * checked could have been an error, so that the verdict of the run may be wrong (a missing
   * license, a GPL-only symbol, a value the loader rejects); the text report prints warnings,
   * and a user who sees exit 0 must learn that a check did not run.
   */
  default void skip(Level level, SourcePosition at, String why) {
    skip(at, why);
  }

  /**
   * For checks of the kind "no X in any object of the module": when the content of some object
   * is unknown (no source in the tree, or the front-end gave up on it), says so and returns
   * true, and the rule concludes nothing for this module.
   */
  default boolean skipWhenIncomplete(Module m, String what) {
    return skipWhenIncomplete(m, what, Level.NOTE);
  }

  /** {@link #skipWhenIncomplete(Module, String)}, said at {@code level} (see {@link #skip(Level, SourcePosition, String)}). */
  default boolean skipWhenIncomplete(Module m, String what, Level level) {
    if (m.objects().isEmpty()) {
      skip(level, m.anchor(), "module " + m.name() + ": its objects are listed with Makefile functions kmodlint"
          + " does not evaluate, so its " + what + " cannot be checked");
      return true;
    }
    List<ModuleObject> unknown = m.unknownObjects();
    if (unknown.isEmpty()) return false;
    skip(level, m.anchor(), "module " + m.name() + ": the content of "
        + String.join(", ", unknown.stream().map(ModuleObject::name).toList())
        + " is unknown (no source in the tree, or not parsed), so its " + what + " cannot be checked");
    return true;
  }

  /** The {@code kmodlint-disable} comments of the scanned files, for the rule that checks their IDs. */
  default List<SuppressionDirective> suppressionDirectives() {
    return List.of();
  }

  /**
   * For an {@link AfterSuppressions} rule: the {@code kmodlint-disable} IDs that silenced no
   * finding of this run, leaving out those of rules that were skipped somewhere, failed, did
   * not run or are disabled by the configuration (they might have silenced something).
   */
  default List<SuppressionDirective> unusedSuppressions() {
    return List.of();
  }

  /** The IDs of every rule of this run. */
  default Set<String> ruleIds() {
    return Set.of();
  }

  default void report(SourcePosition at, String message) {
    report(at, message, List.of());
  }
}
