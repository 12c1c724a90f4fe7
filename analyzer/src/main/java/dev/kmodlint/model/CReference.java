package dev.kmodlint.model;

/**
 * A use of a file-scope name inside a function body or an object's initializer: a call
 * ({@code foo_hw_setup()}), its address ({@code &var}, {@code &var.field}, an array's name as a
 * value: after that the object can be read and written through the pointer from anywhere), or
 * any other mention (a function named in {@code .probe = foo_probe}, a read of a variable).
 * {@code from} is the enclosing function or object.
 */
public record CReference(String from, String to, Kind kind, SourcePosition position, boolean active) {
  public enum Kind { CALL, ADDRESS, MENTION }
}
