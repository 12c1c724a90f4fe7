package dev.kmodlint.kbuild;

import dev.kmodlint.model.Notification;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What Kbuild builds in one directory. {@code makefile} is the file read ({@code Kbuild}
 * preferred over {@code Makefile}), empty when the directory has neither.
 * {@code notifications} carry parse problems (the rest of the file is still used).
 */
public record KbuildDirectory(
    Path directory,
    Optional<Path> makefile,
    List<KbuildModule> modules,
    List<Notification> notifications) {

  public KbuildDirectory {
    modules = List.copyOf(modules);
    notifications = List.copyOf(notifications);
  }
}
