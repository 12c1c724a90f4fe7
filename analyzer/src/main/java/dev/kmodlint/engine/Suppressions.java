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
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-source suppressions, read from the comments of the file a finding is in:
 * {@code kmodlint-disable-next-line ID}, {@code kmodlint-disable-line ID[, ID]} and
 * {@code kmodlint-disable-file ID}, after {@code /*} or {@code //} in C and after {@code #}
 * in every other file (Makefile, Kbuild, Kconfig, dkms.conf, modprobe.d); misspelt directives
 * are kept too, for meta/unknown-suppression ({@link SuppressionComments} reads them all). An
 * ID is a rule ID or a family ({@code param} covers every {@code param/*} rule).
 *
 * <p>No file is read for its directives alone when the run reads it anyway: a C file's and a
 * header's come with its facts ({@link FileFacts#suppressions()}, cached with them), and the
 * other files' are read once per run ({@link #shared()}), whatever the number of kernels.
 */
public final class Suppressions {
  private final Map<Path, List<SuppressionDirective>> byFile;
  /** Where the directives of a file not given are looked up (and read, the first time); null: read here. */
  private final Suppressions shared;

  private Suppressions(Map<Path, List<SuppressionDirective>> byFile, Suppressions shared) {
    this.byFile = byFile;
    this.shared = shared;
  }

  /**
   * The directives of a run's files other than those its facts hold, read when first asked
   * for and then kept: one for the whole run, shared by every kernel's pass.
   */
  static Suppressions shared() {
    return new Suppressions(new ConcurrentHashMap<>(), null);
  }

  /**
   * Reads the directives of {@code files}. A file that cannot be read has none: the run has
   * already said it could not read it when it tried to analyze it.
   */
  static Suppressions read(Collection<Path> files) {
    return shared().of(files, Map.of());
  }

  /**
   * The directives of {@code files} alone: those of {@code known} (the facts of the C files and
   * headers of a pass, which read their directives with them), the others from this run's
   * shared directives (read now, on all cores, the first time).
   */
  Suppressions of(Collection<Path> files, Map<Path, FileFacts> known) {
    Suppressions store = shared != null ? shared : this;
    Map<Path, List<SuppressionDirective>> own = new HashMap<>();
    List<Path> others = new ArrayList<>();
    for (Path f : files) {
      Path p = f.toAbsolutePath().normalize();
      FileFacts facts = known.get(p);
      if (facts != null) own.put(p, facts.suppressions());
      else others.add(p);
    }
    // Makefiles, Kconfig and deployment files: a kernel tree has tens of thousands
    others.parallelStream().distinct().filter(p -> !store.byFile.containsKey(p))
        .forEach(p -> store.byFile.putIfAbsent(p, readDirectives(p)));
    for (Path p : others) own.put(p, store.byFile.get(p));
    return new Suppressions(own, store);
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
    List<SuppressionDirective> known = byFile.get(key);
    if (known != null) return known;
    return shared != null ? shared.directivesOf(key) : byFile.computeIfAbsent(key, Suppressions::readDirectives);
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
