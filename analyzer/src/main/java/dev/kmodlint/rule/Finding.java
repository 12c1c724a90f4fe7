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

  /**
   * A mechanical change that removes the finding: each edit replaces its {@code region} with
   * its {@code text} (an empty region inserts). The edits of one fix go together: all or none.
   */
  public record Fix(String description, List<Edit> edits) {
    /**
     * Replace {@code region} with {@code text}. A region at column 1 of the line after the last
     * one inserts at the end of the file (on a line of its own).
     */
    public record Edit(SourcePosition region, String text) {}

    public Fix {
      edits = List.copyOf(edits);
      if (edits.isEmpty()) throw new IllegalArgumentException("a fix changes something");
    }

    public Fix(String description, SourcePosition region, String text) {
      this(description, List.of(new Edit(region, text)));
    }

    /** The first edit's region: where the fix is. */
    public SourcePosition region() {
      return edits.get(0).region();
    }

    /** The first edit's text. */
    public String text() {
      return edits.get(0).text();
    }

    /** Insert {@code text} (whole lines, each ending with a newline) before {@code line} of {@code file}. */
    public static Fix insertBefore(String description, java.nio.file.Path file, int line, String text) {
      return new Fix(description, new SourcePosition(file, line, 1, line, 1), text);
    }
  }

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
