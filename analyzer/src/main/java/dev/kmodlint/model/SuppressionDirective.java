package dev.kmodlint.model;

/**
 * One rule ID (or family) named by one {@code kmodlint-disable} comment; {@code position}
 * spans the ID itself. A directive that names nothing has the empty ID, which suppresses
 * nothing.
 */
public record SuppressionDirective(String id, Scope scope, SourcePosition position) {
  /** Where a directive applies. */
  public enum Scope { LINE, NEXT_LINE, FILE }

  /** True for its own rule, or every rule of its family ({@code param} covers {@code param/*}). */
  public boolean covers(String ruleId) {
    return id.equals(ruleId) || ruleId.startsWith(id + "/");
  }

  public boolean appliesTo(int line) {
    return switch (scope) {
      case FILE -> true;
      case LINE -> position.line() == line;
      case NEXT_LINE -> position.line() + 1 == line;
    };
  }
}
