package dev.kmodlint.rule;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourcePosition;
import java.util.Comparator;
import java.util.List;

/**
 * One result of one rule at one place, with places that explain it. {@code kernels}: in a run
 * against several kernels ({@code --kernel 6.1,6.12}), the kernels where the finding holds when
 * it does not hold on all of them; empty otherwise (a run against one kernel, or a finding of
 * every kernel), when the finding reads exactly as a run against one kernel gives it.
 */
public record Finding(
    String ruleId, Level level, String message, SourcePosition position, List<Related> related,
    List<Fix> fixes, List<Related> flow, List<String> kernels)
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
    kernels = List.copyOf(kernels);
  }

  public Finding(String ruleId, Level level, String message, SourcePosition position, List<Related> related,
      List<Fix> fixes, List<Related> flow) {
    this(ruleId, level, message, position, related, fixes, flow, List.of());
  }

  public Finding(String ruleId, Level level, String message, SourcePosition position, List<Related> related) {
    this(ruleId, level, message, position, related, List.of(), List.of(), List.of());
  }

  /** The same finding at another level (a configuration's choice). */
  public Finding withLevel(Level other) {
    return new Finding(ruleId, other, message, position, related, fixes, flow, kernels);
  }

  /** The same finding, said to hold on {@code where} only (empty: everywhere). */
  public Finding onKernels(List<String> where) {
    return new Finding(ruleId, level, message, position, related, fixes, flow, where);
  }

  /**
   * The message as reports show it: with the kernels it holds on when those are not all of a
   * run's ({@code on 6.12 only: strlcpy() is declared nowhere...}), else the message itself.
   */
  public String qualifiedMessage() {
    return kernels.isEmpty() ? message : "on " + kernelList(kernels) + " only: " + message;
  }

  /** {@code 6.12}, {@code 6.1 and 6.12}, {@code 5.15, 6.1 and 6.12}. */
  public static String kernelList(List<String> kernels) {
    if (kernels.size() <= 1) return String.join("", kernels);
    return String.join(", ", kernels.subList(0, kernels.size() - 1)) + " and " + kernels.get(kernels.size() - 1);
  }

  private static final Comparator<Finding> ORDER = Comparator
      .comparing(Finding::position)
      .thenComparing(Finding::ruleId)
      .thenComparing(Finding::message)
      .thenComparing(f -> String.join(",", f.kernels()));

  @Override
  public int compareTo(Finding o) {
    return ORDER.compare(this, o);
  }
}
