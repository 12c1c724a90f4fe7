package dev.kmodlint.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the Kbuild files of the scan say, beyond the modules they compose: every entry of every
 * {@code obj-*}/{@code lib-*} list (objects and directory descents) with the CONFIG symbols
 * that gate it, the composite lists, the variables and CONFIG symbols used, and the files that
 * could not be parsed. Rules about Makefiles read this; rules about modules read
 * {@link Module}. Its sets are sorted, so that what is made of them is the same every run.
 */
public record KbuildModel(List<Makefile> makefiles) {
  public KbuildModel {
    makefiles = List.copyOf(makefiles);
  }

  public static KbuildModel empty() {
    return new KbuildModel(List.of());
  }

  private static <T extends Comparable<? super T>> Set<T> sorted(Set<T> set) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(set));
  }

  /**
   * One word of an object list: {@code foo.o}, or {@code sub/} (a descent, {@code directory}).
   * {@code buildMode}: how the list builds it ({@code obj-m}, {@code obj-$(CONFIG_X)}...).
   * {@code gates}: the CONFIG symbols of the list's name ({@code CONFIG_X} of
   * {@code obj-$(CONFIG_X)}). {@code source}: the C or assembly file the object is built from,
   * when the directory has one. {@code generated}: there is none, but the object can still be
   * made: another input with its name exists ({@code foo.y}, {@code foo.asn1},
   * {@code foo.c_shipped}, {@code foo.rs}) or a rule or {@code targets} of the Makefile names it.
   * {@code conditions}: why the Makefile lists it only in some configurations it cannot decide
   * (empty: whenever the list is built); {@code flags}: what the build passes to the
   * preprocessor for the object.
   */
  public record Entry(String name, BuildMode buildMode, Set<String> gates, SourcePosition position, boolean directory,
      Optional<Path> source, boolean generated, List<String> conditions, CompileFlags flags) {
    public Entry {
      gates = sorted(gates);
      conditions = List.copyOf(conditions);
    }

    public Entry(String name, BuildMode buildMode, Set<String> gates, SourcePosition position, boolean directory,
        Optional<Path> source, boolean generated) {
      this(name, buildMode, gates, position, directory, source, generated, List.of(), CompileFlags.NONE);
    }

    /** {@code foo} of {@code foo.o}, {@code sub} of {@code sub/}. */
    public String base() {
      if (directory) return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
      return name.endsWith(".o") ? name.substring(0, name.length() - 2) : name;
    }
  }

  /** A part of a composite list; {@code conditions} and {@code flags} as for an {@link Entry}. */
  public record Part(String name, SourcePosition position, Optional<Path> source, boolean generated,
      List<String> conditions, CompileFlags flags) {
    public Part {
      conditions = List.copyOf(conditions);
    }

    public Part(String name, SourcePosition position, Optional<Path> source, boolean generated) {
      this(name, position, source, generated, List.of(), CompileFlags.NONE);
    }
  }

  /**
   * {@code foo-y := a.o b.o} (or {@code foo-objs}, {@code foo-$(CONFIG_X)}, {@code foo-m}):
   * {@code variable} as written, {@code position} of the variable name.
   */
  public record Composite(String module, String variable, SourcePosition position, List<Part> parts) {
    public Composite {
      parts = List.copyOf(parts);
    }
  }

  /**
   * A variable assigned ({@code EXTRA_CFLAGS += -DX}), at its name; {@code value} is the
   * words as written ({@code -DX}).
   */
  public record Assignment(String variable, SourcePosition position, String value) {
    public Assignment(String variable, SourcePosition position) {
      this(variable, position, "");
    }
  }

  /** A {@code CONFIG_X} named in a Makefile, prefix removed. */
  public record ConfigUse(String symbol, SourcePosition position) {}

  /**
   * The Kbuild file of one directory and the files it includes. {@code descentGates}: the
   * CONFIG symbols gating the descents ({@code obj-$(CONFIG_X) += dir/}) that lead into this
   * directory from the scanned parents, transitively. {@code mentioned}: the base names of the
   * words written anywhere in the files ({@code foo} for {@code foo.o}, {@code $(obj)/foo.c} or
   * {@code hostprogs := foo}), for telling a source that some rule uses. {@code opaque}: the
   * file lists objects through something that cannot be evaluated ({@code $(shell ...)}, a
   * variable set outside the file), so "built by nothing" cannot be concluded.
   * {@code extraSymbols}: the files {@code KBUILD_EXTRA_SYMBOLS} names (Module.symvers of the
   * modules these link against), as the kbuild pass or the user's make sets it.
   * {@code sources}: the C and assembly files the Makefile may build in some configuration (its
   * lists in every branch evaluated, and the objects it names in branches not taken).
   */
  public record Makefile(
      Path directory,
      Path file,
      List<Entry> entries,
      List<Composite> composites,
      List<Assignment> assignments,
      List<ConfigUse> configUses,
      Set<String> descentGates,
      Set<String> mentioned,
      boolean opaque,
      List<SyntaxProblem> syntaxProblems,
      List<Path> extraSymbols,
      Set<Path> sources) {
    public Makefile {
      extraSymbols = List.copyOf(extraSymbols);
      sources = sorted(sources);
      entries = List.copyOf(entries);
      composites = List.copyOf(composites);
      assignments = List.copyOf(assignments);
      configUses = List.copyOf(configUses);
      descentGates = sorted(descentGates);
      mentioned = sorted(mentioned);
      syntaxProblems = List.copyOf(syntaxProblems);
    }

    public Makefile(Path directory, Path file, List<Entry> entries, List<Composite> composites,
        List<Assignment> assignments, List<ConfigUse> configUses, Set<String> descentGates, Set<String> mentioned,
        boolean opaque, List<SyntaxProblem> syntaxProblems) {
      this(directory, file, entries, composites, assignments, configUses, descentGates, mentioned, opaque,
          syntaxProblems, List.of(), Set.of());
    }

    /** The entry's own gates and those of the descents into this directory. */
    public Set<String> allGates(Entry e) {
      Set<String> out = new LinkedHashSet<>(descentGates);
      out.addAll(e.gates());
      return out;
    }
  }
}
