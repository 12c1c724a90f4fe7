package dev.kmodlint.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the build passes to the preprocessor for one object, as its Makefile says:
 * {@code -D}/{@code -U}/{@code -I}/{@code -include}/{@code -imacros} from {@code ccflags-y},
 * {@code subdir-ccflags-y} (this directory's and its parents'), {@code CFLAGS_foo.o},
 * {@code EXTRA_CFLAGS} and {@code KBUILD_CFLAGS} appends, less {@code ccflags-remove-y} and
 * {@code CFLAGS_REMOVE_foo.o} ({@code asflags} and {@code AFLAGS_} for a {@code .S} source),
 * then the defines kbuild adds per object ({@code KBUILD_MODNAME}, {@code KBUILD_BASENAME},
 * {@code MODULE} for a module's objects). The kernel's own flags ({@code LINUXINCLUDE}, its
 * {@code KBUILD_CFLAGS}, {@code -include linux/kconfig.h}) are not the Makefile's and are not here.
 *
 * <p>{@code defines}: name to value, in command-line order, as gcc ends up with them ({@code -DX}
 * is {@code 1}; a later {@code -U} removes it); {@code undefines}: names whose last word is
 * {@code -U}. Paths are absolute: relative ones are resolved where the build resolves them
 * (the kernel tree for an in-tree Makefile) or, for an out-of-tree one, against its directory.
 * {@code complete} is false when some flag could not be known here (a {@code $(shell ...)},
 * a flag that depends on a condition the file cannot decide): the lists then hold the flags that
 * are certain.
 */
public record CompileFlags(
    Map<String, String> defines,
    List<String> undefines,
    List<Path> includeDirs,
    List<Path> forcedIncludes,
    List<Path> macroIncludes,
    boolean complete) {

  public static final CompileFlags NONE = new CompileFlags(Map.of(), List.of(), List.of(), List.of(), List.of(), true);

  public CompileFlags {
    defines = Collections.unmodifiableMap(new LinkedHashMap<>(defines));
    undefines = List.copyOf(undefines);
    includeDirs = List.copyOf(includeDirs);
    forcedIncludes = List.copyOf(forcedIncludes);
    macroIncludes = List.copyOf(macroIncludes);
  }
}
