package dev.kmodlint.model;

import java.util.Optional;

/**
 * Something the analyzer tells about its own run rather than about the code: a file it could
 * not parse, a module it had to guess, a limit it hit. Goes to SARIF
 * {@code invocations[0].toolExecutionNotifications}. {@code id} is a stable kebab-case
 * descriptor such as {@code parse-failure}.
 */
public record Notification(String id, Level level, String message, Optional<SourcePosition> position)
    implements Comparable<Notification> {

  public static Notification of(String id, Level level, String message) {
    return new Notification(id, level, message, Optional.empty());
  }

  public static Notification at(String id, Level level, String message, SourcePosition pos) {
    return new Notification(id, level, message, Optional.of(pos));
  }

  @Override
  public int compareTo(Notification o) {
    int c = position.isPresent() && o.position.isPresent()
        ? position.get().compareTo(o.position.get())
        : Boolean.compare(position.isPresent(), o.position.isPresent());
    if (c != 0) return c;
    c = id.compareTo(o.id);
    return c != 0 ? c : message.compareTo(o.message);
  }
}
