package dev.kmodlint.engine;

import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.SuppressionDirective;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.text.SourceText;
import dev.kmodlint.text.SuppressionComments;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * In-source suppressions, read from the comments of the file a finding is in:
 * {@code kmodlint-disable-next-line ID}, {@code kmodlint-disable-line ID[, ID]} and
 * {@code kmodlint-disable-file ID}, after {@code /*} or {@code //} in C and after {@code #}
 * in every other file (Makefile, Kbuild, Kconfig, dkms.conf, modprobe.d). The comment syntax
 * is told by the file name alone, so files that no front-end parses can carry suppressions
 * too. An ID is a rule ID or a family ({@code param} covers every {@code param/*} rule);
 * IDs are separated by commas or spaces, and {@code --} starts a reason that is not read.
 */
public final class Suppressions {
  private final Map<Path, List<SuppressionDirective>> byFile = new HashMap<>();

  private Suppressions() {}

  /**
   * The directives of {@code files}: those the fact analysis read with each C file and header
   * ({@code known}), the others read now. A file that cannot be read has none: the run has
   * already said it could not read it when it tried to analyze it.
   */
  static Suppressions read(Collection<Path> files) {
    return read(files, Map.of());
  }

  static Suppressions read(Collection<Path> files, Map<Path, FileFacts> known) {
    Suppressions s = new Suppressions();
    List<Path> toRead = new ArrayList<>();
    for (Path f : files) {
      Path p = f.toAbsolutePath().normalize();
      FileFacts facts = known.get(p);
      if (facts != null) s.byFile.put(p, facts.suppressions());
      else toRead.add(p);
    }
    // Makefiles, Kconfig and deployment files: read on all cores
    s.byFile.putAll(toRead.parallelStream().distinct()
        .collect(Collectors.toConcurrentMap(f -> f, Suppressions::readDirectives)));
    return s;
  }

  /** Every directive read so far, in file and line order. */
  public List<SuppressionDirective> directives() {
    List<SuppressionDirective> all = new ArrayList<>();
    byFile.values().forEach(all::addAll);
    all.sort((a, b) -> a.position().compareTo(b.position()));
    return all;
  }

  /** The directive that suppresses {@code f}, if any; files not read yet are read now. */
  Optional<SuppressionDirective> suppressing(Finding f) {
    for (SuppressionDirective d : directivesOf(f.position().file())) {
      if (d.covers(f.ruleId()) && d.appliesTo(f.position().line())) return Optional.of(d);
    }
    return Optional.empty();
  }

  private List<SuppressionDirective> directivesOf(Path file) {
    Path key = file.toAbsolutePath().normalize();
    return byFile.computeIfAbsent(key, Suppressions::readDirectives);
  }

  private static List<SuppressionDirective> readDirectives(Path file) {
    try {
      return SuppressionComments.of(file, dev.kmodlint.text.BoundedReader.read(file, SourceText.MAX_BYTES));
    } catch (IOException | SecurityException e) {
      return List.of();
    }
  }

  /** The directives of one file's text; public for tests and for tools that lint a buffer. */
  public static List<SuppressionDirective> parse(Path file, String text) {
    return SuppressionComments.of(SourceText.of(file, text));
  }
}
