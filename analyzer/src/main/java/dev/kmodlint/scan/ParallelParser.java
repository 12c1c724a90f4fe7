package dev.kmodlint.scan;

import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Analyzes files on all cores. Each worker runs with a deep stack (CDT recurses on deeply
 * nested expressions); a file that throws anything, StackOverflowError included, or runs
 * past the time limit becomes a notification and the worker goes on with the next file.
 * Results are keyed by path, so their order does not depend on which worker finished first.
 */
public final class ParallelParser {
  private static final long STACK_BYTES = 256L << 20;

  private final FileAnalysis analysis;
  private final int jobs;
  private final Duration fileTimeout;
  private final Progress progress;

  /** Told each time a file is done; called from the workers. */
  public interface Progress {
    Progress NONE = () -> {};

    void fileDone();
  }

  public ParallelParser(FileAnalysis analysis, int jobs, Duration fileTimeout, Progress progress) {
    this.analysis = analysis;
    this.jobs = Math.max(1, jobs);
    this.fileTimeout = fileTimeout;
    this.progress = progress;
  }

  private record Task(Path path, SourceFile.Kind kind) {}

  private static final class Worker extends Thread {
    volatile Path current;
    volatile long startedNanos;
    volatile boolean timedOut;

    Worker(ThreadGroup g, Runnable r, String name) {
      super(g, r, name, STACK_BYTES);
      setDaemon(true);
    }
  }

  /** C files are parsed, headers only read; both yield {@link FileFacts}. */
  @SuppressWarnings({"deprecation", "removal"})
  public Map<Path, FileFacts> analyze(List<Path> cFiles, List<Path> headers) {
    Map<Path, FileFacts> out = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();
    // headers first: their content hashes are then known when the C files that include them
    // are checked against the fact cache, so that no header is read twice
    for (Path p : headers) queue.add(new Task(p, SourceFile.Kind.HEADER));
    for (Path p : cFiles) queue.add(new Task(p, SourceFile.Kind.C));
    int total = queue.size();
    List<Worker> workers = new ArrayList<>();
    ThreadGroup group = new ThreadGroup("kmodlint-parse");
    for (int i = 0; i < Math.min(jobs, Math.max(1, total)); i++) {
      Worker[] self = new Worker[1];
      self[0] = new Worker(group, () -> {
        Task t;
        while ((t = queue.poll()) != null) {
          Worker w = self[0];
          w.timedOut = false;
          w.startedNanos = System.nanoTime();
          w.current = t.path();
          Path abs = t.path().toAbsolutePath().normalize();
          try {
            out.put(abs, analysis.analyze(abs, t.kind()));
          } catch (Throwable e) {
            w.current = null;
            out.put(abs, new FileFacts(SourceFile.unparsed(abs, t.kind(), Optional.empty()),
                List.of(failure(abs, e, w.timedOut)), 0, FileAnalysis.configReferencesOnly(abs)));
          } finally {
            w.current = null;
          }
          progress.fileDone();
        }
      }, "kmodlint-parse-" + i);
      workers.add(self[0]);
    }
    workers.forEach(Thread::start);
    long limit = fileTimeout.toNanos();
    for (Worker w : workers) {
      while (w.isAlive()) {
        try {
          w.join(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        for (Worker o : workers) {
          Path cur = o.current;
          if (cur != null && !o.timedOut && System.nanoTime() - o.startedNanos > limit
              && o.current == cur) {
            o.timedOut = true;
            o.stop(); // CDT does not poll interruption; the per-parse state is dropped anyway
          }
        }
      }
    }
    return Map.copyOf(out);
  }

  private Notification failure(Path file, Throwable t, boolean timedOut) {
    String name = file.getFileName().toString();
    if (t instanceof UncheckedIOException u) t = u.getCause();
    if (timedOut || t instanceof ThreadDeath)
      return Notification.at("parse-timeout", Level.ERROR,
          "not analyzed: parsing " + name + " took longer than " + fileTimeout.toSeconds() + " s",
          SourcePosition.startOf(file));
    if (t instanceof StackOverflowError)
      return Notification.at("parse-failure", Level.ERROR,
          "not analyzed: " + name + " is nested too deeply for the C parser (stack overflow)",
          SourcePosition.startOf(file));
    if (t instanceof java.io.IOException io)
      return Notification.at("read-failure", Level.ERROR,
          "not analyzed: cannot read " + name + ": " + io.getMessage(), SourcePosition.startOf(file));
    return Notification.at("parse-failure", Level.ERROR,
        "not analyzed: the C front-end failed on " + name + ": " + t, SourcePosition.startOf(file));
  }
}
