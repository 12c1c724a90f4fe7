package dev.kmodlint.cache;

import dev.kmodlint.model.FactInterner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The result of one project stage (the Makefiles of a tree read for a kernel...) kept between
 * runs under {@code <dir>/stages}, as {@link FactCache} keeps a file's facts: found by a name,
 * and trusted only when its key (this build of kmodlint, the layout of its records, everything
 * besides files that the stage got) is the same and everything it read is unchanged: the content
 * of each file it read, what each path it looked up is (a file, a directory, nothing), the
 * names in each directory it listed. Anything else is a miss; a
 * damaged entry is never read as a result.
 */
public final class StageCache<T extends Record> {
  private static final int MAGIC = 0x4B4D5343; // "KMSC"
  private static final int FORMAT = 1;
  private static final long MAX_ENTRY_BYTES = 512L << 20;

  /** What a stage read, as it was: a file by its content hash, a name by its kind, a directory by a hash of its names. */
  record Dependency(Path path, String hash) {}

  /** The inputs of an entry, before its value. */
  record Inputs(List<Dependency> files, List<Dependency> names, List<Dependency> directories) {}

  private final Path dir;
  private final String build;
  private final RecordCodec<T> codec;
  private final RecordCodec<Inputs> inputsCodec = new RecordCodec<>(Inputs.class);
  private final FactInterner interner = new FactInterner();
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger misses = new AtomicInteger();

  /** Entries of {@code type} under {@code cacheDir}, written by {@code analyzerBuild}. */
  public StageCache(Path cacheDir, String analyzerBuild, Class<T> type) throws IOException {
    this.dir = cacheDir.resolve("stages");
    Files.createDirectories(this.dir);
    this.codec = new RecordCodec<>(type);
    this.build = analyzerBuild + "\n" + codec.schema() + "\n" + inputsCodec.schema() + "\n" + type.getName();
  }

  /** The value kept under {@code name} for {@code key}, when nothing it read has changed since. */
  public Optional<T> load(String name, String key) {
    Optional<T> v = read(name, key);
    (v.isPresent() ? hits : misses).incrementAndGet();
    return v;
  }

  private Optional<T> read(String name, String key) {
    Path f = entryFile(name);
    byte[] bytes;
    try {
      if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
      bytes = dev.kmodlint.text.BoundedReader.read(f, MAX_ENTRY_BYTES);
    } catch (IOException e) {
      return Optional.empty();
    }
    try {
      byte[][] blocks = EntryFiles.read(bytes, MAGIC, FORMAT, 3);
      if (blocks == null || !new String(blocks[0], StandardCharsets.UTF_8).equals(build + "\n" + name + "\n" + key))
        return Optional.empty();
      byte[] in = blocks[1];
      byte[] body = blocks[2];
      Inputs inputs = inputsCodec.decode(in, interner);
      if (!unchanged(inputs)) return Optional.empty();
      return Optional.of(codec.decode(body, interner));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether every file and directory is as it was, checked on all cores (a kernel tree has thousands). */
  private static boolean unchanged(Inputs inputs) {
    return inputs.files().parallelStream().allMatch(d -> d.hash().equals(fileHash(d.path())))
        && inputs.names().parallelStream().allMatch(d -> d.hash().equals(kind(d.path())))
        && inputs.directories().parallelStream().allMatch(d -> d.hash().equals(directoryHash(d.path())));
  }

  /**
   * Keeps {@code value} under {@code name} for {@code key}, with {@code files}, {@code names} and
   * {@code directories} as they are now. A failure to write only loses the entry.
   */
  public void store(String name, String key, T value, Collection<Path> files, Collection<Path> names,
      Collection<Path> directories) {
    try {
      List<Dependency> fs = new ArrayList<>(files.parallelStream().map(p -> new Dependency(p, fileHash(p))).toList());
      List<Dependency> ns = new ArrayList<>(names.parallelStream().map(p -> new Dependency(p, kind(p))).toList());
      List<Dependency> ds = new ArrayList<>(
          directories.parallelStream().map(p -> new Dependency(p, directoryHash(p))).toList());
      byte[] in = inputsCodec.encode(new Inputs(fs, ns, ds));
      byte[] body = codec.encode(value);
      EntryFiles.write(entryFile(name), MAGIC, FORMAT, (build + "\n" + name + "\n" + key).getBytes(StandardCharsets.UTF_8),
          in, body);
    } catch (IOException | RuntimeException e) {
      // not kept: the next run computes the stage again
    }
  }

  /** The content hash of a file ({@link FactCache#contentHash}); "absent" when it cannot be read. */
  static String fileHash(Path p) {
    try {
      return FactCache.contentHash(dev.kmodlint.text.BoundedReader.read(p, dev.kmodlint.text.SourceText.MAX_BYTES));
    } catch (IOException | RuntimeException e) {
      return "absent";
    }
  }

  /** What {@code p} is: a file, a directory, something else, a link to nothing, nothing. */
  static String kind(Path p) {
    try {
      java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(p,
          java.nio.file.attribute.BasicFileAttributes.class);
      return a.isRegularFile() ? "file" : a.isDirectory() ? "directory" : "other";
    } catch (IOException | RuntimeException e) {
      return Files.isSymbolicLink(p) ? "dangling" : "absent";
    }
  }

  /** A hash of the sorted names in a directory; "absent" when it is not one. */
  static String directoryHash(Path p) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
      for (Path e : s) names.add(e.getFileName().toString());
    } catch (IOException | RuntimeException e) {
      return "absent";
    }
    names.sort(null);
    return FactCache.contentHash(String.join("/", names).getBytes(StandardCharsets.UTF_8));
  }

  /** One entry per name: a later run of the same name replaces it. */
  Path entryFile(String name) {
    return dir.resolve(RecordCodec.sha256(name) + ".bin");
  }

  /** Entries taken so far. */
  public int hits() {
    return hits.get();
  }

  /** Entries missing, damaged, of another build or key, or whose inputs changed. */
  public int misses() {
    return misses.get();
  }
}
