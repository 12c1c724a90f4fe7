package dev.kmodlint.lsp;

import dev.kmodlint.cache.FactCache;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Finding;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The tree an editor sees: the files on disk with the unsaved buffers in place of theirs,
 * kept as a copy under a private directory ({@code base}) that mirrors absolute paths
 * ({@code /src/drv/a.c} is {@code base/src/drv/a.c}), because the analyzer reads files by
 * path. Only the directory analyzed is copied, and again only where a file changed (its
 * size, times or inode; a buffer by content). The directories above it are mirrored by
 * links to the real entries, so that what a Makefile includes from outside resolves as on
 * disk. Results are mapped back with {@link #toReal}; the files on disk are never written.
 */
final class Shadow {
  /** Directories the analyzer does not walk either. */
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".svn", ".hg", ".pc", ".tmp_versions");

  private final Path base;
  private final Path realBase;
  private final String prefix;
  /** Shadow file -> what it holds now: the stamp of the real file it copies, or the hash of a buffer. */
  private final Map<Path, String> held = new HashMap<>();
  private final Set<Path> linked = new HashSet<>();

  Shadow(Path base) throws IOException {
    this.base = base.toAbsolutePath().normalize();
    Files.createDirectories(this.base);
    this.realBase = this.base.toRealPath();
    this.prefix = this.base + "/";
  }

  Path base() {
    return base;
  }

  /** Where the fact cache of the analyses lives (beside the mirrored tree, never inside one). */
  Path cacheDir() {
    return base.resolve(".kmodlint-cache");
  }

  /** The copy of {@code real} (an absolute path). */
  Path of(Path real) {
    Path abs = real.toAbsolutePath().normalize();
    Path out = base;
    for (Path part : abs) out = out.resolve(part.toString());
    return out;
  }

  /** The real path of a copy; other paths as they are. */
  Path toReal(Path p) {
    if (!p.startsWith(base) || p.equals(base)) return p;
    return Path.of("/").resolve(base.relativize(p));
  }

  String toReal(String text) {
    return text.replace(prefix, "/");
  }

  SourcePosition toReal(SourcePosition p) {
    return new SourcePosition(toReal(p.file()), p.line(), p.column(), p.endLine(), p.endColumn());
  }

  Finding toReal(Finding f) {
    List<Finding.Related> related = f.related().stream().map(this::toReal).toList();
    List<Finding.Fix> fixes = f.fixes().stream()
        .map(x -> new Finding.Fix(toReal(x.description()),
            x.edits().stream().map(e -> new Finding.Fix.Edit(toReal(e.region()), e.text())).toList()))
        .toList();
    List<Finding.Related> flow = f.flow().stream().map(this::toReal).toList();
    return new Finding(f.ruleId(), f.level(), toReal(f.message()), toReal(f.position()), related, fixes, flow,
        f.kernels());
  }

  private Finding.Related toReal(Finding.Related r) {
    return new Finding.Related(toReal(r.position()), toReal(r.message()));
  }

  Notification toReal(Notification n) {
    return new Notification(n.id(), n.level(), toReal(n.message()), n.position().map(this::toReal));
  }

  /**
   * Brings the copy of {@code unit} (a directory, or a file read alone) up to date with the
   * disk and with {@code buffers} (real path to content) and returns it; the number of files
   * it holds is {@code limit} at most (an {@link IOException} past it).
   */
  Path sync(Path unit, Map<Path, byte[]> buffers, int limit) throws IOException {
    Path real = unit.toAbsolutePath().normalize();
    directoriesDown(real.getParent());
    mirrorAbove(real);
    Set<Path> present = new HashSet<>();
    if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
      count(real, limit); // before anything is copied
      Files.walkFileTree(real, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          if (!dir.equals(real) && SKIPPED_DIRS.contains(dir.getFileName().toString()))
            return FileVisitResult.SKIP_SUBTREE;
          directory(of(dir));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (present.size() >= limit) throw new IOException(unit + " holds more than " + limit + " files");
          if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
            present.add(of(file));
            copy(file, attrs, buffers.get(file));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // the analysis of the copy says nothing of it either
        }
      });
    } else if (Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
      present.add(of(real));
      copy(real, Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS), buffers.get(real));
    }
    // buffers of files not (yet) on disk
    for (Map.Entry<Path, byte[]> b : buffers.entrySet()) {
      Path f = b.getKey();
      if ((f.startsWith(real) || f.equals(real)) && present.add(of(f))) {
        directoriesDown(f.getParent());
        write(of(f), b.getValue());
      }
    }
    // what is gone from the disk is gone from the copy
    Path copy = of(real);
    for (Path p : new ArrayList<>(held.keySet())) {
      if ((p.startsWith(copy) || p.equals(copy)) && !present.contains(p)) {
        held.remove(p);
        Files.deleteIfExists(p);
      }
    }
    if (Files.isDirectory(copy)) removeStrayDirectories(real, copy);
    return copy;
  }

  /** Refuses a directory of more than {@code limit} files (counted as the copy would take them). */
  private static void count(Path dir, int limit) throws IOException {
    int[] n = {0};
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        return !d.equals(dir) && SKIPPED_DIRS.contains(d.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (++n[0] > limit) throw new IOException(dir + " holds more than " + limit + " files");
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private void copy(Path file, BasicFileAttributes attrs, byte[] buffer) throws IOException {
    Path target = of(file);
    if (buffer != null) {
      write(target, buffer);
      return;
    }
    if (attrs.isSymbolicLink()) {
      String to = Files.readSymbolicLink(file).toString();
      String stamp = "link " + to;
      if (stamp.equals(held.get(target))) return;
      Files.deleteIfExists(target);
      Files.createSymbolicLink(target, Path.of(to));
      held.put(target, stamp);
      return;
    }
    String stamp = stamp(file, attrs);
    if (stamp.equals(held.get(target))) return;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return; // gone since the listing: the next sync removes its copy
    }
    replace(target, bytes);
    held.put(target, stamp);
  }

  /** A buffer: written when its content differs from what the copy holds. */
  private void write(Path target, byte[] content) throws IOException {
    String stamp = "buffer " + FactCache.contentHash(content);
    if (stamp.equals(held.get(target))) return;
    replace(target, content);
    held.put(target, stamp);
  }

  /** Writes a file of the copy; never through a link, never outside {@code base}. */
  private void replace(Path target, byte[] content) throws IOException {
    if (!target.getParent().toRealPath().startsWith(realBase))
      throw new IOException("refusing to write " + target + ": it leads out of " + base);
    if (Files.isSymbolicLink(target)) Files.delete(target);
    Files.write(target, content);
  }

  /** The copies of {@code realDir} and of every directory above it, as directories (a link there is replaced). */
  private void directoriesDown(Path realDir) throws IOException {
    if (realDir == null) return;
    Path cur = base;
    for (Path part : realDir) {
      cur = cur.resolve(part.toString());
      directory(cur);
    }
  }

  /** {@code copyDir} as a directory of its own: a link made to mirror surroundings is replaced. */
  private void directory(Path copyDir) throws IOException {
    if (Files.isSymbolicLink(copyDir)) {
      Files.delete(copyDir);
      linked.remove(copyDir);
    }
    if (!Files.isDirectory(copyDir, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(copyDir);
      Files.createDirectory(copyDir);
    }
  }

  /**
   * What tells that a file changed without reading it: size, modification and status-change
   * times, inode. The status-change time moves with every write and cannot be set back.
   */
  private static String stamp(Path file, BasicFileAttributes attrs) throws IOException {
    Object ctime;
    try {
      ctime = Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      ctime = "?";
    }
    return "file " + attrs.size() + " " + attrs.lastModifiedTime().toInstant() + " " + ctime + " " + attrs.fileKey();
  }

  /** Links beside each directory above {@code real} to the real entries there. */
  private void mirrorAbove(Path real) throws IOException {
    Path child = real;
    for (Path dir = real.getParent(); dir != null; child = dir, dir = dir.getParent()) {
      Path copy = of(dir);
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path e : entries) {
          if (e.getFileName().equals(child.getFileName())) continue;
          Path link = copy.resolve(e.getFileName().toString());
          if (base.startsWith(e) || linked.contains(link)) continue; // nothing leads back into the copy
          if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) continue; // a directory another unit made
          Files.createSymbolicLink(link, e);
          linked.add(link);
        }
      } catch (IOException e) {
        // an unreadable directory above: what it holds stays out of reach, as for the analyzer
      }
    }
  }

  /** Directories of the copy whose real directory is gone. */
  private static void removeStrayDirectories(Path real, Path copy) throws IOException {
    List<Path> stray = new ArrayList<>();
    try (Stream<Path> all = Files.walk(copy)) {
      all.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
        Path r = real.resolve(copy.relativize(p).toString());
        if (!Files.isDirectory(r)) stray.add(p);
      });
    }
    stray.sort(Comparator.reverseOrder());
    for (Path p : stray) {
      try (Stream<Path> inside = Files.walk(p)) {
        for (Path q : inside.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
      }
    }
  }

  /** Removes the copy (the LSP session ends). */
  void delete() {
    try (Stream<Path> all = Files.walk(base)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // left in the temporary directory
        }
      }
    } catch (IOException e) {
      // as above
    }
  }
}
