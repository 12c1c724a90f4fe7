package dev.kmodlint.lsp;

import dev.kmodlint.engine.FileSelection;
import dev.kmodlint.model.MakefileNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which files the language server analyzes, and with what: a C file, header, Kbuild file or
 * Kconfig file with its module directory, as {@code kmodlint check FILE} does
 * ({@link FileSelection}); a {@code dkms.conf} with its directory (the package whose modules
 * it names); a {@code modprobe.d} or {@code modules-load.d} file with the directory holding
 * that directory when it is a module or package, else alone.
 */
final class Units {
  private static final Set<String> DEPLOY_DIRS = Set.of("modprobe.d", "modules-load.d");

  private Units() {}

  /** True for the files kmodlint reads. */
  static boolean analyzable(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (name.endsWith(".c") || name.endsWith(".h") || name.endsWith(".S") || MakefileNames.isMakefile(name)
        || name.startsWith("Kconfig") || name.equals("dkms.conf")) return true;
    return name.endsWith(".conf") && deployDirectory(file);
  }

  /** The directory (or the file alone) to analyze when {@code file} changes; empty for other files. */
  static Optional<Path> unitOf(Path file) {
    Path f = file.toAbsolutePath().normalize();
    if (!analyzable(f)) return Optional.empty();
    String name = f.getFileName().toString();
    if (name.equals("dkms.conf")) return Optional.of(f.getParent());
    if (name.endsWith(".conf")) {
      Path above = f.getParent().getParent();
      if (above != null && isModuleOrPackage(above)) return Optional.of(above);
      return Optional.of(f);
    }
    return Optional.of(FileSelection.of(List.of(f)).analyze().get(0));
  }

  private static boolean deployDirectory(Path file) {
    Path dir = file.getParent();
    return dir != null && dir.getFileName() != null && DEPLOY_DIRS.contains(dir.getFileName().toString());
  }

  private static boolean isModuleOrPackage(Path dir) {
    if (Files.isRegularFile(dir.resolve("dkms.conf"))) return true;
    for (String k : MakefileNames.KBUILD_ORDER) if (Files.isRegularFile(dir.resolve(k))) return true;
    return false;
  }
}
