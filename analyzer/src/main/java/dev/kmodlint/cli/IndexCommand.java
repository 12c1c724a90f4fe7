package dev.kmodlint.cli;

import dev.kmodlint.c.HeaderIndexer;
import dev.kmodlint.index.ProgressLine;
import dev.kmodlint.kernel.HeaderIndex;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.kernel.KernelExports;
import dev.kmodlint.model.Notification;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kmodlint index}: reads a kernel's headers once and writes the index that tells
 * {@code check} which exported symbols each header macro and inline function reaches.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
    description = "Index the headers of a kernel build directory for symbol checks (takes about a minute).")
final class IndexCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--kdir", paramLabel = "DIR",
      description = "kernel build directory (default: /lib/modules/$(uname -r)/build)")
  Path kdir;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "where to write the index (default: the cache `check --kdir` reads, ~/.cache/kmodlint)")
  Path output;

  @Option(names = "--batch-timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "give up on a batch of headers after this long (default 300)")
  long batchTimeoutSeconds;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N",
      description = "batches of headers parsed at once (default: the cores, as far as memory holds them;"
          + " the index is the same for any N)")
  Integer jobs;

  @Override
  public Integer call() throws IOException {
    Path dir = kdir != null ? kdir : KernelDatabase.runningKernelBuildDirectory().orElseThrow(() ->
        new IOException("no /lib/modules/" + System.getProperty("os.version")
            + "/build with a Module.symvers for the running kernel; give a kernel build directory with --kdir"));
    if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString());
    long start = System.nanoTime();
    List<Notification> notes = new ArrayList<>();
    Path symvers = dir.resolve("Module.symvers");
    if (!Files.isRegularFile(symvers))
      throw new IOException(dir + ": no Module.symvers (not a kernel build directory, or the kernel is not built)");
    String uts = KernelDatabase.utsRelease(dir).orElseThrow(() ->
        new IOException(dir + ": no include/generated/utsrelease.h (the kernel is not prepared)"));
    Path out = output != null ? output : KernelDatabase.indexFile(KernelDatabase.defaultIndexCache(), uts);
    Path parent = out.toAbsolutePath().getParent();
    if (output == null) Files.createDirectories(parent);
    else if (!Files.isDirectory(parent)) throw new NoSuchFileException(parent.toString());

    KernelExports exports = KernelExports.fromSymvers(uts, List.of(symvers), notes::add);
    HeaderIndexer.Layout layout = HeaderIndexer.layout(dir);
    PrintWriter err = spec.commandLine().getErr();
    Duration timeout = Duration.ofSeconds(Math.max(1, Math.min(batchTimeoutSeconds, 86_400)));
    HeaderIndexer indexer = jobs != null ? new HeaderIndexer(timeout, 250, Math.max(1, Math.min(jobs, 64)))
        : new HeaderIndexer(timeout, 250);
    HeaderIndexer.Result r;
    // a line rewritten in place when a person watches; nothing per batch in a log
    try (ProgressLine line = new ProgressLine(err, "the headers of " + uts)) {
      HeaderIndexer.Progress progress = ProgressReporter.stderrIsTerminal() ? line : (pass, done, total, detail) -> {};
      r = indexer.index(layout, progress);
    }
    if (r.facts().macros().isEmpty() && r.facts().functions().isEmpty())
      throw new IOException(dir + ": no header could be parsed" + (r.problems().isEmpty() ? "" : ": " + r.problems().get(0)));
    HeaderIndex index = HeaderIndex.resolve(uts, r.facts(), exports::exports);
    // written aside and moved, so that an interrupted run leaves no half index for check to trip on
    Path tmp = Files.createTempFile(parent, ".kmodlint-index", ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(tmp)) {
        index.write(os);
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    for (Notification n : notes) err.println("kmodlint: " + n.level().sarif() + ": " + n.message());
    for (String p : r.problems()) err.println("kmodlint: warning: " + p);
    PrintWriter o = spec.commandLine().getOut();
    o.println(String.format(Locale.ROOT, "indexed %d headers of %s (%d off in its configuration) in %.1fs:"
            + " %d function-like macros, %d object-like macros, %d header functions, %d extern functions,"
            + " %d extern variables (%d exports) -> %s",
        r.headers(), uts, r.switchedOff(), (System.nanoTime() - start) / 1e9,
        index.count(HeaderIndex.Kind.FUNCTION_MACRO), index.count(HeaderIndex.Kind.OBJECT_MACRO),
        index.count(HeaderIndex.Kind.HEADER_FUNCTION), index.count(HeaderIndex.Kind.EXTERN_FUNCTION),
        index.count(HeaderIndex.Kind.EXTERN_VARIABLE), exports.size(), out));
    o.flush();
    return Main.OK;
  }
}
