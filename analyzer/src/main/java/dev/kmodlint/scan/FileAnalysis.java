package dev.kmodlint.scan;

import dev.kmodlint.c.CFrontEnd;
import dev.kmodlint.c.ParseCancellation;
import dev.kmodlint.c.PreprocessorContext;
import dev.kmodlint.cache.FactCache;
import dev.kmodlint.kconfig.ConfigReferenceScanner;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.FactInterner;
import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SuppressionDirective;
import dev.kmodlint.text.BoundedReader;
import dev.kmodlint.text.SourceText;
import dev.kmodlint.text.Spdx;
import dev.kmodlint.text.SuppressionComments;
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
  /** The facts of the files analyzed, their repeated parts held once (those of shared headers above all). */
  private final FactInterner interner = new FactInterner();

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
      // read from the cache, strings and paths are already shared (FactCache): walking every fact
      // again to share equal ones was a third of a warm run
      if (hit.isPresent()) return hit.get();
    }
    SourceText text = SourceText.of(path, bytes);
    List<KconfigModel.SourceReference> refs = ConfigReferenceScanner.scan(path, text.chars());
    List<SuppressionDirective> suppressions = SuppressionComments.mayHold(bytes) ? SuppressionComments.of(text) : List.of();
    FileFacts facts;
    List<Path> headersRead = List.of();
    List<Path> absent = List.of();
    if (kind == SourceFile.Kind.HEADER) {
      facts = new FileFacts(new SourceFile(path, kind, !text.binary(), Spdx.find(text), List.of(), List.of(),
          List.of(), Code.EMPTY), List.of(), 0, refs, suppressions);
    } else {
      CFrontEnd.Parsed parsed = frontEnd.parse(path, kind, text, context, cancellation);
      facts = new FileFacts(parsed.file(), parsed.notifications(), parsed.unresolvedIncludes(), refs, suppressions);
      headersRead = parsed.headersRead();
      absent = parsed.absentIncludes();
    }
    if (cached) cache.get().store(path, key, headersRead, absent, facts);
    return interner.of(facts);
  }

  /**
   * Drops what the facts analyzed so far were shared through: they stay shared, later ones are
   * not shared with them. For when the files are read, before the facts are put to use.
   */
  public void release() {
    interner.clear();
  }

  /** True when the path's name, as a string, names the same file again. */
  static boolean roundTrips(Path path) {
    try {
      return Path.of(path.toString()).equals(path);
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /**
   * The facts of a file the front-end gave up on: its {@code CONFIG_} references, which Kconfig
   * rules still need, and its suppression comments.
   */
  static FileFacts notAnalyzed(Path file, SourceFile.Kind kind, Notification why) {
    List<KconfigModel.SourceReference> refs = List.of();
    List<SuppressionDirective> suppressions = List.of();
    try {
      SourceText text = SourceText.read(file);
      refs = ConfigReferenceScanner.scan(file, text.chars());
      suppressions = SuppressionComments.of(text);
    } catch (IOException | RuntimeException e) {
      // unreadable: nothing more to say than why
    }
    return new FileFacts(SourceFile.unparsed(file, kind, Optional.empty()), List.of(why), 0, refs, suppressions);
  }
}
