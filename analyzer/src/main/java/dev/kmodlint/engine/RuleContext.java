package dev.kmodlint.engine;

import dev.kmodlint.model.Project;
import dev.kmodlint.model.SourcePosition;
import java.util.List;

/** What a rule sees: the project model, and a way to report. */
public interface RuleContext {
  Project project();

  void report(SourcePosition at, String message, List<Finding.Related> related);

  /**
   * The rule cannot decide here because the analyzer lacks something (a source it could not
   * read, a macro from an unread header): said in the run's notifications, never guessed.
   */
  void skip(SourcePosition at, String why);

  default void report(SourcePosition at, String message) {
    report(at, message, List.of());
  }
}
