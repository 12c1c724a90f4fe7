package dev.kmodlint.model;

import java.util.List;

/**
 * The names of the file that says what a directory builds: the one list of them.
 *
 * <p>{@link #KBUILD_ORDER} is the order in which the file of a directory is chosen. kbuild's
 * pass reads {@code Kbuild} when the directory has one, else {@code Makefile}
 * ({@code kbuild-file} in scripts/Makefile.build); it never reads {@code GNUmakefile} or
 * {@code makefile}, so those two come last, in make's order, for a directory that has neither.
 * A directory with a {@code GNUmakefile} for the user and a {@code Makefile} for kbuild is
 * read as kbuild reads it.
 *
 * <p>{@link #MAKE_ORDER} is GNU make's own order, when the user types {@code make} in the
 * directory (before kbuild's pass is started, {@code KERNELRELEASE} not set).
 */
public final class MakefileNames {
  public static final List<String> KBUILD_ORDER = List.of("Kbuild", "Makefile", "GNUmakefile", "makefile");
  public static final List<String> MAKE_ORDER = List.of("GNUmakefile", "makefile", "Makefile");

  private MakefileNames() {}

  /** True for a file named as a directory's Kbuild file or Makefile. */
  public static boolean isMakefile(String fileName) {
    return KBUILD_ORDER.contains(fileName);
  }
}
