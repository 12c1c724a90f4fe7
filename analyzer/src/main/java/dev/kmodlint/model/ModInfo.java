package dev.kmodlint.model;

/**
 * One {@code .modinfo} entry written in source: {@code MODULE_LICENSE("GPL")} is tag
 * {@code license}, value {@code GPL}. {@code value} is null when the argument is not a string
 * the analyzer can evaluate (a macro from an unavailable kernel header, say); {@code text} is
 * the argument as written. {@code active} is false inside a preprocessor branch that is off
 * without a kernel configuration (e.g. {@code #ifdef CONFIG_FOO}).
 */
public record ModInfo(String tag, String value, String text, SourcePosition position, boolean active) {

  public boolean resolved() {
    return value != null;
  }
}
