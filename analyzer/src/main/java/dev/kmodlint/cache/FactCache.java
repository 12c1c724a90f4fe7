package dev.kmodlint.cache;

import dev.kmodlint.model.FactInterner;
import dev.kmodlint.model.FileFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

/**
 * Per-file facts kept between runs under {@code <dir>/facts}. An entry is found by the file's
 * path and the run's options, and trusted only when everything it was made from is unchanged:
 * the analyzer build, the layout of the model records, the options, the content hash of the file
 * and of every local header the parse read, and the absence of includes that were missing. A
 * file that fails any check, is truncated or fails its checksum is re-parsed and its entry
 * rewritten; it is never read as facts.
 */
public final class FactCache {
  private static final int MAGIC = 0x4B4D4643; // "KMFC"
  private static final int FORMAT = 1;
  /** The facts of the largest source file are far smaller. */
  private static final long MAX_ENTRY_BYTES = 256L << 20;

  /** What one entry records besides the facts: what they were made from. */
  record Entry(String contentHash, List<Dependency> headers, List<java.nio.file.Path> absentIncludes, FileFacts facts) {}

  record Dependency(java.nio.file.Path path, String contentHash) {}

  /**
   * Entries a long-lived process (kmodlint server, kmodlint lsp) keeps in memory for the runs
   * it serves: looked up before the disk and trusted only after the same checks as an entry
   * read from it (content, headers, absent includes). Held softly: under memory pressure an
   * entry is dropped and read from the disk again.
   */
  public static final class Memory {
    private final Map<String, java.lang.ref.SoftReference<Entry>> entries = new ConcurrentHashMap<>();

    Entry get(String key) {
      java.lang.ref.SoftReference<Entry> r = entries.get(key);
      return r == null ? null : r.get();
    }

    void put(String key, Entry e) {
      entries.put(key, new java.lang.ref.SoftReference<>(e));
    }

    /** Entries held (some may have been dropped by the collector since). */
    public int size() {
      return entries.size();
    }
  }

  private final Path dir;
  private final String options;
  private final String key;
  private final Memory memory;
  private final RecordCodec<Entry> codec = new RecordCodec<>(Entry.class);
  private final Map<Path, String> headerHashes = new ConcurrentHashMap<>();
  private final FactInterner interner = new FactInterner();
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger misses = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  final AtomicInteger writeFailures = new AtomicInteger();

  /**
   * {@code options} is everything besides the file's content that changes its facts (the
   * scan root decides which includes resolve).
   */
  public FactCache(Path dir, String analyzerBuild, String options) throws IOException {
    this(dir, analyzerBuild, options, null);
  }

  /** The same, with entries also kept in {@code memory} (null: none) across the runs of one process. */
  public FactCache(Path dir, String analyzerBuild, String options, Memory memory) throws IOException {
    this.memory = memory;
    this.dir = dir.resolve("facts");
    Files.createDirectories(this.dir);
    this.options = options;
    this.key = analyzerBuild + "\n" + codec.schema() + "\n" + options;
  }

  /** The cached facts of {@code file} when its entry is valid for content {@code contentHash}. */
  public Optional<FileFacts> load(Path file, String contentHash) {
    Entry held = memory == null ? null : memory.get(key + "\n" + file);
    if (held != null && valid(held, contentHash)) {
      hits.incrementAndGet();
      return Optional.of(held.facts());
    }
    // not held, or held for other content: the disk may have what another run wrote since
    Path f = entryFile(file);
    byte[] bytes;
    try {
      if (!Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        misses.incrementAndGet();
        return Optional.empty();
      }
      // an entry is a regular file this cache wrote: anything else (a FIFO would block) is refused
      bytes = dev.kmodlint.text.BoundedReader.read(f, MAX_ENTRY_BYTES);
    } catch (IOException e) {
      rejected.incrementAndGet();
      return Optional.empty();
    }
    Optional<Entry> entry = parse(bytes, file);
    if (entry.isEmpty()) {
      rejected.incrementAndGet();
      return Optional.empty();
    }
    Entry e = entry.get();
    if (!valid(e, contentHash)) {
      misses.incrementAndGet();
      return Optional.empty();
    }
    if (memory != null) memory.put(key + "\n" + file, e);
    hits.incrementAndGet();
    return Optional.of(e.facts());
  }

  /** Whether everything {@code e} was made from is unchanged: the file, its headers, its absent includes. */
  private boolean valid(Entry e, String contentHash) {
    if (!e.contentHash().equals(contentHash)) return false;
    for (Dependency d : e.headers()) if (!d.contentHash().equals(hashOf(d.path()))) return false;
    for (Path a : e.absentIncludes()) if (Files.exists(a)) return false;
    return true;
  }

  public void store(Path file, String contentHash, List<Path> headers, List<Path> absent, FileFacts facts) {
    try {
      List<Dependency> deps = new java.util.ArrayList<>();
      for (Path h : headers) {
        String hash = hashOf(h);
        if (hash == null) return; // a header that vanished or cannot be read: not worth keeping
        deps.add(new Dependency(h, hash));
      }
      Entry entry = new Entry(contentHash, deps, absent, facts);
      if (memory != null) memory.put(key + "\n" + file, entry);
      byte[] body = codec.encode(entry);
      EntryFiles.write(entryFile(file), MAGIC, FORMAT, (key + "\n" + file).getBytes(StandardCharsets.UTF_8), body);
    } catch (IOException | RuntimeException e) {
      writeFailures.incrementAndGet();
    }
  }

  /** The entry in {@code bytes} when it is whole, of this build and options, and about {@code file}. */
  private Optional<Entry> parse(byte[] bytes, Path file) {
    try {
      byte[][] blocks = EntryFiles.read(bytes, MAGIC, FORMAT, 2);
      if (blocks == null || !new String(blocks[0], StandardCharsets.UTF_8).equals(key + "\n" + file))
        return Optional.empty();
      byte[] body = blocks[1];
      return Optional.of(codec.decode(body, interner));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Content hash of a header, once per run; null when it cannot be read. */
  String hashOf(Path p) {
    String h = headerHashes.get(p);
    if (h != null) return h.isEmpty() ? null : h;
    try {
      h = contentHash(dev.kmodlint.text.BoundedReader.read(p, dev.kmodlint.text.SourceText.MAX_BYTES));
    } catch (IOException e) {
      h = "";
    }
    headerHashes.put(p, h);
    return h.isEmpty() ? null : h;
  }

  /** Called with the bytes of a file the run read anyway, so that it is not read twice. */
  public void knownContent(Path p, String hash) {
    headerHashes.putIfAbsent(p, hash);
  }

  /**
   * Named by file and options only, so that the entry another build left is found, refused
   * and overwritten instead of piling up beside the new one.
   */
  Path entryFile(Path file) {
    String name = RecordCodec.sha256(options + "\n" + file);
    return dir.resolve(name.substring(0, 2)).resolve(name.substring(2) + ".bin");
  }

  /**
   * The content hash of a file: its length and two different 32-bit CRCs. Both CRCs are
   * intrinsics of the JVM's quick compiler, which the launcher uses; SHA-256 runs at a tenth of
   * the speed there and cost seconds on a warm run of a whole tree. Nobody forges collisions
   * in their own cache, and an accidental edit keeping length and both CRCs is a 1 in 2^64 event.
   */
  public static String contentHash(byte[] bytes) {
    java.util.zip.CRC32 crc32 = new java.util.zip.CRC32();
    crc32.update(bytes);
    CRC32C crc32c = new CRC32C();
    crc32c.update(bytes);
    return Long.toHexString(bytes.length) + "-" + Long.toHexString(crc32.getValue()) + "-"
        + Long.toHexString(crc32c.getValue());
  }

  /** Files served from the cache so far. */
  public int hits() {
    return hits.get();
  }

  /** Files parsed because they had no entry or a stale one. */
  public int misses() {
    return misses.get();
  }

  /** Entries refused: corrupt, or written by another build. */
  public int rejected() {
    return rejected.get();
  }
}
