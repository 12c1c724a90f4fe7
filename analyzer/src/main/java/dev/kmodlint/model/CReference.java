package dev.kmodlint.model;

/**
 * A use of a file-scope name inside a function body or an object's initializer: a call
 * ({@code foo_hw_setup()}), or any other mention (its address in {@code .probe = foo_probe},
 * a read of a variable). {@code from} is the enclosing function or object.
 */
public record CReference(String from, String to, Kind kind, SourcePosition position, boolean active) {
  public enum Kind { CALL, MENTION }
}
