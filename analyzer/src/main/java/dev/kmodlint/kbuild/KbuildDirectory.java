package dev.kmodlint.kbuild;

import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Notification;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What Kbuild builds in one directory. {@code makefile} is the file read ({@code Kbuild}
 * preferred over {@code Makefile}), empty when the directory has neither.
 * {@code notifications} carry parse problems (the rest of the file is still used).
 * {@code entries}, {@code composites}, {@code assignments}, {@code configUses},
 * {@code mentioned} and {@code opaque} are what {@link KbuildModel.Makefile} says of them.
 */
public record KbuildDirectory(
    Path directory,
    Optional<Path> makefile,
    List<KbuildModule> modules,
    List<Notification> notifications,
    List<KbuildModel.Entry> entries,
    List<KbuildModel.Composite> composites,
    List<KbuildModel.Assignment> assignments,
    List<KbuildModel.ConfigUse> configUses,
    Set<String> mentioned,
    boolean opaque) {

  public KbuildDirectory {
    modules = List.copyOf(modules);
    notifications = List.copyOf(notifications);
    entries = List.copyOf(entries);
    composites = List.copyOf(composites);
    assignments = List.copyOf(assignments);
    configUses = List.copyOf(configUses);
    mentioned = Set.copyOf(mentioned);
  }

  public KbuildDirectory(Path directory, Optional<Path> makefile, List<KbuildModule> modules,
      List<Notification> notifications) {
    this(directory, makefile, modules, notifications, List.of(), List.of(), List.of(), List.of(), Set.of(), false);
  }
}
