package dev.kmodlint.model;

import java.util.List;

/**
 * Everything the analysis takes from one C file or header on its own: its facts, what the
 * front-end said about it, its {@code #include}s that stayed unresolved, its {@code CONFIG_}
 * references and its {@code kmodlint-disable} comments (read in the same pass, so that no
 * file is read again for them). This is the unit the fact cache stores.
 */
public record FileFacts(SourceFile file, List<Notification> notifications, int unresolvedIncludes,
    List<KconfigModel.SourceReference> configReferences, List<SuppressionDirective> suppressions) {
  public FileFacts {
    notifications = List.copyOf(notifications);
    configReferences = List.copyOf(configReferences);
    suppressions = List.copyOf(suppressions);
  }

  /** Facts of a file without suppression comments. */
  public FileFacts(SourceFile file, List<Notification> notifications, int unresolvedIncludes,
      List<KconfigModel.SourceReference> configReferences) {
    this(file, notifications, unresolvedIncludes, configReferences, List.of());
  }
}
