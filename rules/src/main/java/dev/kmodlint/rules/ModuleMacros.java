package dev.kmodlint.rules;

import dev.kmodlint.model.EntryPoint;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.rule.Finding;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a fix adds a {@code MODULE_*} line to a module: in the file of its {@code module_init}
 * (or {@code module_*_driver}), after the last {@code MODULE_*} line written there after it (the
 * block at the end of most module sources), else just before {@code module_init}. Imports are
 * not counted among the lines to follow: they are the ones written under a kernel-version test.
 * Empty when the module has no active entry point to go by.
 */
public final class ModuleMacros {
  private ModuleMacros() {}

  /** A place for a new line: before {@code line} of {@code file}. */
  public record Place(Path file, int line) {
    public Finding.Fix insert(String description, String lineText) {
      return Finding.Fix.insertBefore(description, file, line, lineText + "\n");
    }
  }

  public static Optional<Place> newLine(Module m) {
    EntryPoint entry = m.entryPoints().stream().filter(EntryPoint::active).findFirst().orElse(null);
    if (entry == null) return Optional.empty();
    Path file = entry.position().file();
    int after = -1;
    for (SourceFile f : m.sources()) {
      if (!f.path().equals(file)) continue;
      for (ModInfo i : f.modInfo()) {
        if (!i.active() || i.tag().equals("import_ns") || !i.position().file().equals(file)) continue;
        if (i.position().line() > entry.position().line()) after = Math.max(after, i.position().endLine());
      }
    }
    return Optional.of(after > 0 ? new Place(file, after + 1) : new Place(file, entry.position().line()));
  }
}
