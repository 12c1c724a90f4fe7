package dev.kmodlint.model;

import java.util.List;

/**
 * Everything the analysis takes from one C file or header on its own: its facts, what the
 * front-end said about it, its {@code #include}s that stayed unresolved and its
 * {@code CONFIG_} references. This is the unit the fact cache stores.
 */
public record FileFacts(SourceFile file, List<Notification> notifications, int unresolvedIncludes,
    List<KconfigModel.SourceReference> configReferences) {
  public FileFacts {
    notifications = List.copyOf(notifications);
    configReferences = List.copyOf(configReferences);
  }
}
