package dev.kmodlint.engine;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourcePosition;
import java.util.Comparator;
import java.util.List;

/** One result of one rule at one place, with places that explain it. */
public record Finding(
    String ruleId, Level level, String message, SourcePosition position, List<Related> related)
    implements Comparable<Finding> {

  public record Related(SourcePosition position, String message) {}

  public Finding {
    related = List.copyOf(related);
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
