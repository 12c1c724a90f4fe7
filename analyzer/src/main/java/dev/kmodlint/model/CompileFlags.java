package dev.kmodlint.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the build passes to the C preprocessor for one object file, from {@code ccflags-y},
 * {@code subdir-ccflags-y}, {@code CFLAGS_foo.o} and {@code EXTRA_CFLAGS}: {@code -D} macros
 * (name, or {@code name(params)}, to body; {@code -DFOO} is {@code FOO -> 1}), {@code -U} names,
 * {@code -I} directories in search order and {@code -include} files in order. {@code complete}
 * is false when some flag could not be known ({@code $(shell ...)}, an unknown variable).
 */
public record CompileFlags(
    Map<String, String> defines,
    List<String> undefines,
    List<Path> includeDirs,
    List<Path> forcedIncludes,
    boolean complete) {

  public CompileFlags {
    defines = Map.copyOf(defines);
    undefines = List.copyOf(undefines);
    includeDirs = List.copyOf(includeDirs);
    forcedIncludes = List.copyOf(forcedIncludes);
  }
}
