package dev.kmodlint.engine;

import dev.kmodlint.model.MakefileNames;
import dev.kmodlint.model.Notification;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to analyze and what to report when files are named one by one (a pre-commit hook
 * passes the changed files): each file is analyzed with the whole of its module, that is
 * the nearest directory at or above it with a Kbuild or Makefile, and only findings in the
 * named files, or whose related places or steps are in them, are reported. Directories are
 * analyzed and reported whole; other files (deployment files) are read as they are named.
 */
public record FileSelection(List<Path> analyze, Set<Path> reportOnly) {
  public FileSelection {
    analyze = List.copyOf(analyze);
    reportOnly = Set.copyOf(reportOnly);
  }

  public static FileSelection of(List<Path> paths) {
    Set<Path> dirs = new LinkedHashSet<>();
    Set<Path> files = new LinkedHashSet<>();
    List<Path> others = new ArrayList<>();
    boolean wholeDirectories = false;
    for (Path p : paths) {
      Path abs = p.toAbsolutePath().normalize();
      if (Files.isDirectory(abs)) {
        dirs.add(abs);
        wholeDirectories = true;
      } else {
        files.add(abs);
        // a deployment file (/etc/modprobe.d/x.conf) belongs to no module directory: it is read as named
        if (isModuleSource(abs)) dirs.add(moduleDirectory(abs));
        else others.add(abs);
      }
    }
    // a directory asked for whole is reported whole: selecting inside it would hide its findings
    if (wholeDirectories) files.clear();
    List<Path> analyze = outermost(dirs);
    for (Path o : others) if (analyze.stream().noneMatch(o::startsWith)) analyze.add(o);
    return new FileSelection(analyze, files);
  }

  /** C sources, headers, Kbuild files and Kconfig files: what makes up a module. */
  static boolean isModuleSource(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".c") || name.endsWith(".h") || name.endsWith(".S") || MakefileNames.isMakefile(name)
        || name.startsWith("Kconfig");
  }

  /**
   * The nearest directory at or above the file's with a Kbuild file, without leaving the git
   * work tree the file is in; outside one, the file's own directory (walking up an arbitrary
   * file system could end in a Makefile that has nothing to do with the module).
   */
  static Path moduleDirectory(Path file) {
    Path top = null;
    for (Path dir = file.getParent(); dir != null && top == null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) top = dir;
    }
    if (top == null) return file.getParent();
    for (Path dir = file.getParent(); dir != null && dir.startsWith(top); dir = dir.getParent()) {
      for (String name : MakefileNames.KBUILD_ORDER) if (Files.isRegularFile(dir.resolve(name))) return dir;
    }
    return file.getParent();
  }

  /** Directories not under another one of the list: each file is analyzed once. */
  private static List<Path> outermost(Set<Path> dirs) {
    List<Path> out = new ArrayList<>();
    for (Path d : dirs) {
      boolean nested = dirs.stream().anyMatch(o -> !o.equals(d) && d.startsWith(o));
      if (!nested) out.add(d);
    }
    return out;
  }

  /** Keeps what {@link #reportOnly} selects; everything when files were not named one by one. */
  public AnalysisResult restrict(AnalysisResult r) {
    if (reportOnly.isEmpty()) return r;
    List<Notification> notes = r.notifications().stream()
        .filter(n -> n.position().isEmpty() || reportOnly.contains(n.position().get().file())).toList();
    return r.withFindings(r.findings().stream().filter(this::concerns).toList(),
        r.suppressed().stream().filter(this::concerns).toList(), notes);
  }

  private boolean concerns(Finding f) {
    if (reportOnly.contains(f.position().file())) return true;
    for (Finding.Related rel : f.related()) if (reportOnly.contains(rel.position().file())) return true;
    for (Finding.Related step : f.flow()) if (reportOnly.contains(step.position().file())) return true;
    return false;
  }
}
