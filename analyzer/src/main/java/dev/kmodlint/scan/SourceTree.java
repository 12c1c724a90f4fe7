package dev.kmodlint.scan;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.MakefileNames;
import dev.kmodlint.model.Notification;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files of the scan, by kind and by directory. Links are read as git keeps them: a linked
 * file under the link's name (Makefiles name it so), a linked directory through the link when
 * its target lies outside the scan (inside, the walk reads it where it is: kernel trees link
 * directories into each other, loops included). An unreadable directory is a notification and
 * the walk goes on. Build outputs ({@code *.mod.c}) are not sources.
 */
public final class SourceTree {
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".svn", ".hg", ".pc", ".tmp_versions");

  private final TreeSet<Path> cFiles = new TreeSet<>();
  private final TreeSet<Path> headers = new TreeSet<>();
  private final TreeSet<Path> kconfigs = new TreeSet<>();
  /** Directories holding a Kbuild or Makefile, or C files. */
  private final TreeMap<Path, List<Path>> cFilesByDir = new TreeMap<>();
  private final TreeSet<Path> kbuildDirs = new TreeSet<>();
  /** Deployment files: {@code dkms.conf}, {@code modprobe.d/*.conf}, {@code modules-load.d/*.conf}. */
  private final TreeSet<Path> dkmsConfs = new TreeSet<>();
  private final TreeSet<Path> modprobeConfs = new TreeSet<>();
  private final TreeSet<Path> modulesLoadConfs = new TreeSet<>();
  private final List<Notification> notifications = new ArrayList<>();


  /** C files, sorted. */
  public java.util.SortedSet<Path> cFiles() {
    return java.util.Collections.unmodifiableSortedSet(cFiles);
  }

  /** Headers, sorted. */
  public java.util.SortedSet<Path> headers() {
    return java.util.Collections.unmodifiableSortedSet(headers);
  }

  public java.util.SortedSet<Path> kconfigs() {
    return java.util.Collections.unmodifiableSortedSet(kconfigs);
  }

  /** The C files of each directory. */
  public java.util.SortedMap<Path, List<Path>> cFilesByDir() {
    return java.util.Collections.unmodifiableSortedMap(cFilesByDir);
  }

  /** Directories holding a Kbuild file or a Makefile. */
  public java.util.SortedSet<Path> kbuildDirs() {
    return java.util.Collections.unmodifiableSortedSet(kbuildDirs);
  }

  public java.util.SortedSet<Path> dkmsConfs() {
    return java.util.Collections.unmodifiableSortedSet(dkmsConfs);
  }

  public java.util.SortedSet<Path> modprobeConfs() {
    return java.util.Collections.unmodifiableSortedSet(modprobeConfs);
  }

  public java.util.SortedSet<Path> modulesLoadConfs() {
    return java.util.Collections.unmodifiableSortedSet(modulesLoadConfs);
  }

  /**
   * This tree without the files and directories under {@code excluded} (for each, the
   * directory itself and everything below it), its notifications kept.
   */
  public SourceTree without(List<Path> excluded) {
    if (excluded.isEmpty()) return this;
    java.util.function.Predicate<Path> out = p -> excluded.stream().anyMatch(p::startsWith);
    SourceTree t = new SourceTree();
    cFiles.stream().filter(out.negate()).forEach(t.cFiles::add);
    headers.stream().filter(out.negate()).forEach(t.headers::add);
    kconfigs.stream().filter(out.negate()).forEach(t.kconfigs::add);
    cFilesByDir.forEach((d, files) -> {
      if (!out.test(d)) t.cFilesByDir.put(d, files);
    });
    kbuildDirs.stream().filter(out.negate()).forEach(t.kbuildDirs::add);
    dkmsConfs.stream().filter(out.negate()).forEach(t.dkmsConfs::add);
    modprobeConfs.stream().filter(out.negate()).forEach(t.modprobeConfs::add);
    modulesLoadConfs.stream().filter(out.negate()).forEach(t.modulesLoadConfs::add);
    t.notifications.addAll(notifications);
    return t;
  }

  /** What the walk could not read. */
  public List<Notification> notifications() {
    return java.util.Collections.unmodifiableList(notifications);
  }

  /**
   * The repository {@code dir} is in: the nearest directory at or above it with a {@code .git},
   * else {@code dir}. A module's {@code #include "../include/x.h"} may reach above the scanned
   * directory, and is read within it.
   */
  public static Path repositoryOf(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    for (Path d = abs; d != null; d = d.getParent()) if (Files.exists(d.resolve(".git"))) return d;
    return abs;
  }

  public static SourceTree walk(List<Path> inputs) throws IOException {
    SourceTree t = new SourceTree();
    for (Path in : inputs) {
      Path p = in.toAbsolutePath().normalize();
      if (Files.isDirectory(p)) t.walkDir(p);
      else if (Files.isRegularFile(p)) t.addFile(p, true);
      else t.notifications.add(Notification.at("read-failure", Level.WARNING, "skipped " + p + ": not a regular"
          + " file (a named pipe, socket or device)", dev.kmodlint.model.SourcePosition.startOf(p)));
    }
    t.oneFilePerName(t.cFiles);
    t.oneFilePerName(t.headers);
    return t;
  }

  /**
   * Files whose names are no valid UTF-8 read as text alike ({@code bad\xfe.c} and
   * {@code bad\xff.c} are both {@code bad\ufffd.c}), and kmodlint names files, in its facts and
   * reports, by that text: of such files only the first by the bytes of its name is analyzed,
   * the others are left out with a warning (else which file's facts a name stood for would
   * depend on the order files were parsed in).
   */
  private void oneFilePerName(TreeSet<Path> files) {
    Map<String, Path> first = new HashMap<>();
    List<Path> dropped = new ArrayList<>();
    for (Path f : files) { // in the order of the names' bytes
      if (f.toString().indexOf('\ufffd') < 0) continue;
      Path kept = first.putIfAbsent(f.toString(), f);
      if (kept != null) dropped.add(f);
    }
    for (Path f : dropped) {
      files.remove(f);
      List<Path> inDir = cFilesByDir.get(f.getParent());
      if (inDir != null) inDir.remove(f);
      notifications.add(Notification.at("file-name-ambiguous", Level.WARNING, "not analyzed: " + f
          + " has a name that is no valid UTF-8 and reads as the name of another file of the scan, which is"
          + " analyzed instead; rename one of them", dev.kmodlint.model.SourcePosition.startOf(f)));
    }
  }

  /** Every file whose comments may carry a suppression: sources, headers, Kconfig, Kbuild and deployment files. */
  public List<Path> textFiles() {
    List<Path> out = new ArrayList<>(cFiles);
    out.addAll(headers);
    out.addAll(kconfigs);
    out.addAll(dkmsConfs);
    out.addAll(modprobeConfs);
    out.addAll(modulesLoadConfs);
    for (Path dir : kbuildDirs) {
      for (String m : MakefileNames.KBUILD_ORDER) if (Files.isRegularFile(dir.resolve(m))) out.add(dir.resolve(m));
    }
    return out;
  }

  private void walkDir(Path root) throws IOException {
    Path realRoot = realPath(root);
    Set<Path> walked = new HashSet<>();
    if (realRoot != null) walked.add(realRoot);
    java.nio.file.FileVisitor<Path> visitor = new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (!dir.equals(root) && SKIPPED_DIRS.contains(name)) return FileVisitResult.SKIP_SUBTREE;
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
          addFile(file, false);
        } else if (attrs.isSymbolicLink()) {
          // git keeps links: a source shared by two modules is often one file linked into both
          // directories, and the Makefile names it by the link's name
          if (Files.isRegularFile(file)) {
            addFile(file, false);
          } else if (Files.isDirectory(file)) {
            // a linked directory whose target the walk reaches anyway (or has reached) is read
            // there; one whose target lies outside the scan is read through the link, once
            Path target = realPath(file);
            if (target != null && (realRoot == null || !target.startsWith(realRoot)) && walked.add(target)) {
              // (walking the link itself would visit it as a file again: walk what it holds)
              try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(file)) {
                for (Path e : entries) Files.walkFileTree(e, this);
              } catch (IOException e) {
                visitFileFailed(file, e);
              }
            }
          }
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        notifications.add(Notification.of("read-failure", Level.WARNING,
            "skipped " + file + ": " + describe(e)));
        return FileVisitResult.CONTINUE;
      }
    };
    if (!Files.isSymbolicLink(root)) {
      Files.walkFileTree(root, visitor);
      return;
    }
    // a PATH that is a link to a directory: its entries are walked as if each were named (the
    // walk would take the link itself for a file)
    try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path e : entries) Files.walkFileTree(e, visitor);
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  private void addFile(Path file, boolean explicit) {
    String name = file.getFileName().toString();
    Path dir = file.getParent();
    if (name.endsWith(".mod.c")) {
      return; // written by modpost for each module it links: build output, not the module's source
    } else if (name.endsWith(".c")) {
      cFiles.add(file);
      cFilesByDir.computeIfAbsent(dir, d -> new ArrayList<>()).add(file);
      if (explicit) kbuildDirsOf(dir);
    } else if (name.endsWith(".h")) {
      headers.add(file);
    } else if (name.startsWith("Kconfig")) {
      kconfigs.add(file);
    } else if (MakefileNames.isMakefile(name)) {
      kbuildDirs.add(dir);
    } else if (name.equals("dkms.conf")) {
      dkmsConfs.add(file);
    } else if (name.endsWith(".conf")) {
      addConf(file, explicit);
    }
  }

  /** By its directory; a {@code .conf} named on the command line elsewhere is taken as a modprobe.d file. */
  private void addConf(Path file, boolean explicit) {
    String dirName = file.getParent() == null || file.getParent().getFileName() == null ? ""
        : file.getParent().getFileName().toString();
    if (dirName.equals("modules-load.d")) modulesLoadConfs.add(file);
    else if (dirName.equals("modprobe.d") || explicit) modprobeConfs.add(file);
  }

  /** A file given on its own is still composed with its directory's Makefile. */
  private void kbuildDirsOf(Path dir) {
    for (String m : MakefileNames.KBUILD_ORDER) if (Files.isRegularFile(dir.resolve(m))) kbuildDirs.add(dir);
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
