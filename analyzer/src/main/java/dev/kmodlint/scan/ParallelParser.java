package dev.kmodlint.scan;

import dev.kmodlint.c.ParseCancellation;
import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Analyzes files on all cores. Each worker runs with a deep stack (CDT recurses on deeply
 * nested expressions); a file that throws anything, StackOverflowError included, becomes a
 * notification and the worker goes on with the next file.
 *
 * <p>The time limit per file is kept by a watchdog: it cancels an overdue parse the way CDT
 * cancels one (its preprocessor stops at the next token), and if the worker is still busy with
 * that file a while later (stuck where CDT does not look, such as one macro expansion that
 * never ends) the file is settled as timed out and a fresh worker takes over the queue; the
 * stuck thread is a daemon and its late result is dropped. Every file's result is "not
 * analyzed" until its worker settles it, so none can go missing. Results are keyed by path, so
 * their order does not depend on which worker finished first.
 */
public final class ParallelParser {
  private static final long STACK_BYTES = 256L << 20;
  /** How long a cancelled parse may take to stop before its worker is given up. */
  private static final long GRACE_NANOS = Duration.ofSeconds(5).toNanos();
  private static final long WATCH_MILLIS = 50;

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

  /** One file, settled once: by its worker, or by the watchdog when the worker overran. */
  private static final class Task {
    final Path path;
    final SourceFile.Kind kind;
    final AtomicBoolean settled = new AtomicBoolean();
    final ParseCancellation cancellation = new ParseCancellation();

    Task(Path path, SourceFile.Kind kind) {
      this.path = path.toAbsolutePath().normalize();
      this.kind = kind;
    }
  }

  /** What a worker is doing: the watchdog reads it. */
  private final class Worker extends Thread {
    private final ConcurrentLinkedQueue<Task> queue;
    private final Map<Path, FileFacts> out;
    volatile Task current;
    volatile long startedNanos;
    volatile boolean abandoned;

    Worker(ThreadGroup g, String name, ConcurrentLinkedQueue<Task> queue, Map<Path, FileFacts> out) {
      super(g, null, name, STACK_BYTES);
      this.queue = queue;
      this.out = out;
      setDaemon(true);
    }

    @Override
    public void run() {
      Task t;
      while (!abandoned && (t = queue.poll()) != null) {
        startedNanos = System.nanoTime();
        current = t;
        FileFacts facts;
        try {
          facts = analysis.analyze(t.path, t.kind, t.cancellation);
        } catch (Throwable e) {
          facts = failed(t, e);
        }
        current = null;
        if (t.settled.compareAndSet(false, true)) {
          out.put(t.path, facts);
          progress.fileDone();
        }
      }
    }
  }

  /** C files are parsed, headers only read; both yield {@link FileFacts}. */
  public Map<Path, FileFacts> analyze(List<Path> cFiles, List<Path> headers) {
    Map<Path, FileFacts> out = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();
    Map<Path, Task> tasks = new LinkedHashMap<>();
    // headers first: their content hashes are then known when the C files that include them
    // are checked against the fact cache, so that no header is read twice
    for (Path p : headers) tasks.putIfAbsent(p.toAbsolutePath().normalize(), new Task(p, SourceFile.Kind.HEADER));
    for (Path p : cFiles) tasks.putIfAbsent(p.toAbsolutePath().normalize(), new Task(p, SourceFile.Kind.C));
    queue.addAll(tasks.values());
    ThreadGroup group = new ThreadGroup("kmodlint-parse");
    List<Worker> workers = new ArrayList<>();
    int[] started = {0};
    Runnable hire = () -> {
      Worker w = new Worker(group, "kmodlint-parse-" + started[0]++, queue, out);
      workers.add(w);
      w.start();
    };
    for (int i = 0; i < Math.min(jobs, Math.max(1, tasks.size())); i++) hire.run();
    long limit = saturatedNanos(fileTimeout);
    long giveUp = limit > Long.MAX_VALUE - GRACE_NANOS ? Long.MAX_VALUE : limit + GRACE_NANOS;
    while (true) {
      List<Worker> live = workers.stream().filter(w -> w.isAlive() && !w.abandoned).toList();
      if (live.isEmpty()) break;
      try {
        live.get(0).join(WATCH_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      for (Worker w : live) {
        Task t = w.current;
        if (t == null || t.settled.get()) continue;
        long elapsed = System.nanoTime() - w.startedNanos;
        if (elapsed > limit && !t.cancellation.isCancelled()) t.cancellation.cancel();
        if (elapsed > giveUp && t.settled.compareAndSet(false, true)) {
          // the parse did not stop where CDT looks: settle the file, leave the thread, go on
          out.put(t.path, notAnalyzed(t, timeout(t.path)));
          progress.fileDone();
          w.abandoned = true;
          if (!queue.isEmpty()) hire.run();
        }
      }
    }
    // a file no worker reached (interrupted, or every worker gave up) is still accounted for
    for (Task t : tasks.values()) {
      if (t.settled.compareAndSet(false, true)) {
        out.put(t.path, notAnalyzed(t, Notification.at("parse-failure", Level.ERROR,
            "not analyzed: the analysis of " + t.path.getFileName() + " did not run to its end",
            SourcePosition.startOf(t.path))));
      }
    }
    return Map.copyOf(out);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private FileFacts failed(Task t, Throwable e) {
    return notAnalyzed(t, failure(t, e));
  }

  private static FileFacts notAnalyzed(Task t, Notification why) {
    return FileAnalysis.notAnalyzed(t.path, t.kind, why);
  }

  private Notification timeout(Path file) {
    return Notification.at("parse-timeout", Level.ERROR,
        "not analyzed: parsing " + file.getFileName() + " took longer than " + seconds(fileTimeout) + " s",
        SourcePosition.startOf(file));
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : String.format("%.1f", d.toMillis() / 1000.0);
  }

  private Notification failure(Task t, Throwable e) {
    Path file = t.path;
    String name = file.getFileName().toString();
    if (e instanceof UncheckedIOException u) e = u.getCause();
    if (t.cancellation.isCancelled() || ParseCancellation.isCancellation(e)) return timeout(file);
    if (e instanceof StackOverflowError)
      return Notification.at("parse-failure", Level.ERROR,
          "not analyzed: " + name + " is nested too deeply for the C parser (stack overflow)",
          SourcePosition.startOf(file));
    if (e instanceof OutOfMemoryError)
      return Notification.at("parse-failure", Level.ERROR,
          "not analyzed: parsing " + name + " ran out of memory", SourcePosition.startOf(file));
    if (e instanceof java.io.IOException io)
      return Notification.at("read-failure", Level.ERROR,
          "not analyzed: cannot read " + file + ": " + dev.kmodlint.text.BoundedReader.reason(io),
          SourcePosition.startOf(file));
    if (System.getenv("KMODLINT_DEBUG") != null) e.printStackTrace();
    return Notification.at("parse-failure", Level.ERROR, "not analyzed: the C front-end failed on " + name
        + " (a bug of kmodlint or of the CDT parser; KMODLINT_DEBUG=1 shows where)", SourcePosition.startOf(file));
  }


}
