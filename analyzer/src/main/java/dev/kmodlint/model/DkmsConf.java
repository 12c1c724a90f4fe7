package dev.kmodlint.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@code dkms.conf}: the variables it assigns, in file order. {@code directory} is the
 * package's source directory (the file's own), against which {@code BUILT_MODULE_LOCATION} is
 * read. {@code opaque} is true when the file also runs shell commands ({@code if}, function
 * calls) kmodlint does not evaluate, so a variable may be set in ways it cannot see.
 */
public record DkmsConf(Path file, Path directory, List<Assignment> assignments, List<SyntaxProblem> syntaxProblems,
    boolean opaque) {

  public DkmsConf {
    assignments = List.copyOf(assignments);
    syntaxProblems = List.copyOf(syntaxProblems);
  }

  /**
   * {@code NAME=value} or {@code NAME[index]=value}; a plain {@code NAME=} is index 0, as bash
   * makes it. {@code value} is the value after quote removal and expansion of variables the
   * file itself set; empty when it refers to one only dkms knows ({@code $kernelver}).
   * {@code text} is the value as written; {@code position} covers the variable name,
   * {@code valuePosition} the value.
   */
  public record Assignment(String name, int index, boolean indexed, Optional<String> value, String text,
      SourcePosition position, SourcePosition valuePosition) {}

  /** The last assignment of a scalar (or of element 0 of an array). */
  public Optional<Assignment> scalar(String name) {
    return Optional.ofNullable(array(name).get(0));
  }

  /** The last assignment of each element of an array, by index. */
  public SortedMap<Integer, Assignment> array(String name) {
    TreeMap<Integer, Assignment> out = new TreeMap<>();
    for (Assignment a : assignments) if (a.name().equals(name)) out.put(a.index(), a);
    return out;
  }

  public boolean assigns(String name) {
    return assignments.stream().anyMatch(a -> a.name().equals(name));
  }
}
