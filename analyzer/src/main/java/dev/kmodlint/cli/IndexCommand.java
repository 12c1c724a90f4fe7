package dev.kmodlint.cli;

import dev.kmodlint.index.KernelIndexer;
import dev.kmodlint.kernel.HeaderIndex;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.model.Notification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kmodlint index}: reads a kernel's headers once and writes the index that tells
 * {@code check} which exported symbols each header macro and inline function reaches.
 * {@code check --kdir} makes the same index on first use; this command makes it ahead of
 * time, or into a file of one's choosing.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
    description = "Index the headers of a kernel build directory for symbol checks (takes about 20 seconds).")
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
    Main.checkRange(spec.commandLine(), "--batch-timeout", batchTimeoutSeconds, 1, Main.MAX_TIMEOUT_SECONDS, " seconds");
    Path dir = kdir != null ? kdir : KernelDatabase.runningKernelBuildDirectory().orElseThrow(() ->
        new IOException("no /lib/modules/" + System.getProperty("os.version")
            + "/build with a Module.symvers for the running kernel; give a kernel build directory with --kdir"));
    if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString());
    long start = System.nanoTime();
    if (!Files.isRegularFile(dir.resolve("Module.symvers")))
      throw new IOException(dir + ": no Module.symvers (not a kernel build directory, or the kernel is not built)");
    Path out = output != null ? output : KernelDatabase.indexFile(KernelDatabase.defaultIndexCache(), dir);
    Path parent = out.toAbsolutePath().getParent();
    if (output != null && !Files.isDirectory(parent)) throw new NoSuchFileException(parent.toString());

    PrintWriter err = spec.commandLine().getErr();
    KernelIndexer.Options options = new KernelIndexer.Options(
        Duration.ofSeconds(Math.max(1, Math.min(batchTimeoutSeconds, 86_400))), 250,
        jobs != null ? Math.max(1, Math.min(jobs, 64)) : 0);
    // a line rewritten in place when a person watches; nothing per batch in a log
    KernelIndexer.Outcome r = KernelIndexer.index(dir, options,
        ProgressReporter.stderrIsTerminal() ? Optional.of(err) : Optional.empty());
    KernelIndexer.write(r.index(), out);
    for (Notification n : r.notes()) err.println("kmodlint: " + n.level().sarif() + ": " + Terminal.printable(n.message()));
    for (String p : r.problems()) err.println("kmodlint: warning: " + Terminal.printable(p));
    err.flush();
    HeaderIndex index = r.index();
    PrintWriter o = spec.commandLine().getOut();
    o.println(String.format(Locale.ROOT, "indexed %d headers of %s (%d off in its configuration) in %.1fs:"
            + " %d function-like macros, %d object-like macros, %d header functions, %d extern functions,"
            + " %d extern variables (%d exports) -> %s",
        r.headers(), r.release(), r.switchedOff(), (System.nanoTime() - start) / 1e9,
        index.count(HeaderIndex.Kind.FUNCTION_MACRO), index.count(HeaderIndex.Kind.OBJECT_MACRO),
        index.count(HeaderIndex.Kind.HEADER_FUNCTION), index.count(HeaderIndex.Kind.EXTERN_FUNCTION),
        index.count(HeaderIndex.Kind.EXTERN_VARIABLE), r.exports().size(), out));
    o.flush();
    return Main.OK;
  }
}
