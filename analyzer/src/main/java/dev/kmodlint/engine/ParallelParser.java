package dev.kmodlint.engine;

import dev.kmodlint.c.CFrontEnd;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parses C files on all cores. Each worker runs with a deep stack (CDT recurses on deeply
 * nested expressions); a file that throws anything, StackOverflowError included, or runs
 * past the time limit becomes a notification and the worker goes on with the next file.
 */
final class ParallelParser {
  private static final long STACK_BYTES = 256L << 20;

  private final CFrontEnd frontEnd;
  private final int jobs;
  private final Duration fileTimeout;

  ParallelParser(CFrontEnd frontEnd, int jobs, Duration fileTimeout) {
    this.frontEnd = frontEnd;
    this.jobs = Math.max(1, jobs);
    this.fileTimeout = fileTimeout;
  }

  record Output(Map<Path, SourceFile> files, List<Notification> notifications, int unresolvedIncludes) {}

  private static final class Worker extends Thread {
    volatile Path current;
    volatile long startedNanos;
    volatile boolean timedOut;

    Worker(ThreadGroup g, Runnable r, String name) {
      super(g, r, name, STACK_BYTES);
      setDaemon(true);
    }
  }

  @SuppressWarnings({"deprecation", "removal"})
  Output parse(List<Path> paths, SourceFile.Kind kind) {
    Map<Path, SourceFile> files = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Notification> notes = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Path> queue = new ConcurrentLinkedQueue<>(paths);
    AtomicInteger unresolved = new AtomicInteger();
    List<Worker> workers = new ArrayList<>();
    ThreadGroup group = new ThreadGroup("kmodlint-parse");
    for (int i = 0; i < Math.min(jobs, Math.max(1, paths.size())); i++) {
      Worker[] self = new Worker[1];
      self[0] = new Worker(group, () -> {
        Path p;
        while ((p = queue.poll()) != null) {
          Worker w = self[0];
          w.timedOut = false;
          w.startedNanos = System.nanoTime();
          w.current = p;
          try {
            CFrontEnd.Parsed r = frontEnd.parse(p, kind);
            files.put(r.file().path(), r.file());
            notes.addAll(r.notifications());
            unresolved.addAndGet(r.unresolvedIncludes());
          } catch (Throwable t) {
            Path abs = p.toAbsolutePath().normalize();
            files.put(abs, SourceFile.unparsed(abs, kind, java.util.Optional.empty()));
            notes.add(failure(abs, t, w.timedOut));
          } finally {
            w.current = null;
          }
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
    return new Output(Map.copyOf(files), List.copyOf(notes), unresolved.get());
  }

  private Notification failure(Path file, Throwable t, boolean timedOut) {
    String name = file.getFileName().toString();
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
