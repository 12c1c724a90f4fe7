package dev.kmodlint.model;

/**
 * One rule ID (or family) named by one {@code kmodlint-disable} comment; {@code position}
 * spans the ID itself. A directive that names nothing has the empty ID, which suppresses
 * nothing. A comment that starts with a misspelt directive ({@code kmodlint-disabel-line},
 * {@code kmodlint: disable}) is kept with scope {@link Scope#MISSPELT}: {@code id} is then
 * the word written where the directive was meant, and it suppresses nothing.
 */
public record SuppressionDirective(String id, Scope scope, SourcePosition position) {
  /** Where a directive applies; a misspelt one applies nowhere. */
  public enum Scope { LINE, NEXT_LINE, FILE, MISSPELT }

  /** The directives kmodlint reads, as written. */
  public static final java.util.List<String> NAMES =
      java.util.List.of("kmodlint-disable-line", "kmodlint-disable-next-line", "kmodlint-disable-file");

  /** True for its own rule, or every rule of its family ({@code param} covers {@code param/*}). */
  public boolean covers(String ruleId) {
    return id.equals(ruleId) || ruleId.startsWith(id + "/");
  }

  public boolean appliesTo(int line) {
    return switch (scope) {
      case FILE -> true;
      case LINE -> position.line() == line;
      case NEXT_LINE -> position.line() + 1 == line;
      case MISSPELT -> false;
    };
  }
}
