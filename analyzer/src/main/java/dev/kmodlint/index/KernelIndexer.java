package dev.kmodlint.index;

import dev.kmodlint.c.HeaderIndexer;
import dev.kmodlint.kernel.HeaderIndex;
import dev.kmodlint.kernel.HeaderIndexBuilder;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.kernel.KernelExports;
import dev.kmodlint.model.Notification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Indexes the headers of a kernel build directory: reads them with the C front-end's
 * {@link HeaderIndexer}, resolves what they say against the kernel's {@code Module.symvers}
 * into a {@link HeaderIndex}, and writes it. {@code kmodlint index} runs it, and so does
 * the kernel database the first time a check needs the headers of a {@code --kdir} it has no
 * index for (as its {@link HeaderIndexBuilder}).
 */
public final class KernelIndexer implements HeaderIndexBuilder {
  /** How to index: the time a batch of headers may take, headers per batch, batches at once (0: the cores). */
  public record Options(Duration batchTimeout, int batchSize, int jobs) {
    public static final Options DEFAULT = new Options(Duration.ofSeconds(300), 250, 0);
  }

  /** An index and what it took: headers read, headers off in the configuration, batches given up on. */
  public record Outcome(String release, HeaderIndex index, KernelExports exports, int headers, int switchedOff,
      List<String> problems, List<Notification> notes) {
    public Outcome {
      problems = List.copyOf(problems);
      notes = List.copyOf(notes);
    }
  }

  /** For {@link java.util.ServiceLoader}. */
  public KernelIndexer() {}

  @Override
  public HeaderIndex build(Path kdir, Optional<PrintWriter> progress) throws IOException {
    return index(kdir, Options.DEFAULT, progress).index();
  }

  /**
   * Indexes {@code kdir}; {@code progress}, when present, shows a line rewritten in place.
   * Throws an {@link IOException} of one line when {@code kdir} is no kernel build directory or
   * no header could be parsed.
   */
  public static Outcome index(Path kdir, Options options, Optional<PrintWriter> progress) throws IOException {
    if (!Files.isDirectory(kdir)) throw new NoSuchFileException(kdir.toString());
    Path symvers = kdir.resolve("Module.symvers");
    if (!Files.isRegularFile(symvers))
      throw new IOException(kdir + ": no Module.symvers (not a kernel build directory, or the kernel is not built)");
    String uts = KernelDatabase.utsRelease(kdir).orElseThrow(() ->
        new IOException(kdir + ": no include/generated/utsrelease.h (the kernel is not prepared)"));
    List<Notification> notes = new ArrayList<>();
    KernelExports exports = KernelExports.fromSymvers(uts, List.of(symvers), notes::add);
    HeaderIndexer.Layout layout = HeaderIndexer.layout(kdir);
    Duration timeout = options.batchTimeout().isNegative() || options.batchTimeout().isZero()
        ? Options.DEFAULT.batchTimeout() : options.batchTimeout();
    HeaderIndexer indexer = options.jobs() > 0 ? new HeaderIndexer(timeout, options.batchSize(), options.jobs())
        : new HeaderIndexer(timeout, options.batchSize());
    HeaderIndexer.Result r;
    try (ProgressLine line = new ProgressLine(progress.orElse(null), "the headers of " + uts)) {
      r = indexer.index(layout, line);
    }
    if (r.facts().macros().isEmpty() && r.facts().functions().isEmpty())
      throw new IOException(kdir + ": no header could be parsed" + (r.problems().isEmpty() ? "" : ": " + r.problems().get(0)));
    HeaderIndex index = HeaderIndex.resolve(uts, r.facts(), exports::exports);
    return new Outcome(uts, index, exports, r.headers(), r.switchedOff(), r.problems(), notes);
  }

  /** Writes {@code index} to {@code out} aside and moves it there, so that no reader sees half an index. */
  public static void write(HeaderIndex index, Path out) throws IOException {
    index.writeTo(out);
  }
}
