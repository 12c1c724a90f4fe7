package dev.kmodlint.rule;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourcePosition;
import java.util.Comparator;
import java.util.List;

/** One result of one rule at one place, with places that explain it. */
public record Finding(
    String ruleId, Level level, String message, SourcePosition position, List<Related> related,
    List<Fix> fixes, List<Related> flow)
    implements Comparable<Finding> {

  public record Related(SourcePosition position, String message) {}

  /** A mechanical change that removes the finding: replace {@code region} with {@code text}. */
  public record Fix(String description, SourcePosition region, String text) {}

  public Finding {
    related = List.copyOf(related);
    fixes = List.copyOf(fixes);
    flow = List.copyOf(flow);
  }

  public Finding(String ruleId, Level level, String message, SourcePosition position, List<Related> related) {
    this(ruleId, level, message, position, related, List.of(), List.of());
  }

  private static final Comparator<Finding> ORDER = Comparator
      .comparing(Finding::position)
      .thenComparing(Finding::ruleId)
      .thenComparing(Finding::message);

  @Override
  public int compareTo(Finding o) {
    return ORDER.compare(this, o);
  }
}
