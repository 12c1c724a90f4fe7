package dev.kmodlint.scan;

import dev.kmodlint.c.CFrontEnd;
import dev.kmodlint.c.ParseCancellation;
import dev.kmodlint.c.PreprocessorContext;
import dev.kmodlint.cache.FactCache;
import dev.kmodlint.kconfig.ConfigReferenceScanner;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.text.BoundedReader;
import dev.kmodlint.text.SourceText;
import dev.kmodlint.text.Spdx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The facts of one file, read once: from the fact cache when its entry is still valid, else
 * parsed (C files) or scanned (headers) and stored. No AST outlives this call.
 */
public final class FileAnalysis {
  private final CFrontEnd frontEnd;
  private final Optional<FactCache> cache;
  private final Function<Path, PreprocessorContext> contexts;

  public FileAnalysis(CFrontEnd frontEnd, Optional<FactCache> cache) {
    this(frontEnd, cache, p -> PreprocessorContext.NONE);
  }

  /**
   * {@code contexts}: how the build preprocesses each C file (its flags, the target kernel).
   * The facts depend on it, so its fingerprint is part of each cache entry's key.
   */
  public FileAnalysis(CFrontEnd frontEnd, Optional<FactCache> cache, Function<Path, PreprocessorContext> contexts) {
    this.frontEnd = frontEnd;
    this.cache = cache;
    this.contexts = contexts;
  }

  public FileFacts analyze(Path file, SourceFile.Kind kind) throws IOException {
    return analyze(file, kind, new ParseCancellation());
  }

  /** The same, for a parse that {@code cancellation} may stop (the per-file time limit). */
  public FileFacts analyze(Path file, SourceFile.Kind kind, ParseCancellation cancellation) throws IOException {
    Path path = file.toAbsolutePath().normalize();
    byte[] bytes;
    try {
      bytes = BoundedReader.read(path, SourceText.MAX_BYTES);
    } catch (BoundedReader.ReadFailure e) {
      if (kind != SourceFile.Kind.HEADER) throw e;
      return new FileFacts(SourceFile.unparsed(path, kind, Optional.empty()),
          List.of(Notification.at("read-failure", Level.WARNING, "cannot read " + path + ": " + e.reason(),
              SourcePosition.startOf(path))), 0, List.of());
    }
    String key = null;
    PreprocessorContext context = kind == SourceFile.Kind.HEADER ? PreprocessorContext.NONE : contexts.apply(path);
    // the cache names files by their path as a string: one whose name is not valid in this
    // encoding (bad\xff.c) comes back as another file (bad\uFFFD.c), so it is not cached
    boolean cached = cache.isPresent() && roundTrips(path);
    if (cached) {
      String hash = FactCache.contentHash(bytes);
      cache.get().knownContent(path, hash);
      // the same content read in another context (flags, kernel) has other facts
      key = context.isNone() ? hash : hash + "@" + context.fingerprint();
      Optional<FileFacts> hit = cache.get().load(path, key);
      if (hit.isPresent()) return hit.get();
    }
    SourceText text = SourceText.of(path, bytes);
    List<KconfigModel.SourceReference> refs = ConfigReferenceScanner.scan(path, text.chars());
    FileFacts facts;
    List<Path> headersRead = List.of();
    List<Path> absent = List.of();
    if (kind == SourceFile.Kind.HEADER) {
      facts = new FileFacts(new SourceFile(path, kind, !text.binary(), Spdx.find(text), List.of(), List.of(),
          List.of(), Code.EMPTY), List.of(), 0, refs);
    } else {
      CFrontEnd.Parsed parsed = frontEnd.parse(path, kind, text, context, cancellation);
      facts = new FileFacts(parsed.file(), parsed.notifications(), parsed.unresolvedIncludes(), refs);
      headersRead = parsed.headersRead();
      absent = parsed.absentIncludes();
    }
    if (cached) cache.get().store(path, key, headersRead, absent, facts);
    return facts;
  }

  /** True when the path's name, as a string, names the same file again. */
  static boolean roundTrips(Path path) {
    try {
      return Path.of(path.toString()).equals(path);
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /** The {@code CONFIG_} references of a file the front-end gave up on, which Kconfig rules still need. */
  static List<KconfigModel.SourceReference> configReferencesOnly(Path file) {
    try {
      return ConfigReferenceScanner.scan(file, SourceText.read(file).chars());
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
