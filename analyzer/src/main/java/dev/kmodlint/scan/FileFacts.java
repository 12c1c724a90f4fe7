package dev.kmodlint.scan;

import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourceFile;
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
