package dev.kmodlint.cli;

import dev.kmodlint.engine.AnalysisProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of a long run on a terminal: files read / total, rate and time left, on
 * stderr. It appears only once the run has taken {@link #DELAY}, so that a small module
 * prints nothing but its report.
 */
final class ProgressReporter implements AnalysisProgress {
  static final Duration DELAY = Duration.ofSeconds(2);

  private final PrintStream err;
  private final long startNanos = System.nanoTime();
  private final AtomicInteger done = new AtomicInteger();
  private volatile int total;
  private ProgressBar bar; // guarded by this

  private final Duration delay;

  ProgressReporter(PrintStream err) {
    this(err, DELAY);
  }

  /** With another delay before the bar appears: for tests. */
  ProgressReporter(PrintStream err, Duration delay) {
    this.err = err;
    this.delay = delay;
  }

  /**
   * Whether stderr is a terminal. The launcher knows ({@code test -t 2}) and says so in a
   * property; without it, the JVM's console (stdin and stdout on a terminal) is the best guess.
   */
  static boolean stderrIsTerminal() {
    String told = System.getProperty("kmodlint.stderr.tty");
    if (told != null) return Boolean.parseBoolean(told);
    return System.console() != null;
  }

  @Override
  public void started(int files) {
    total = files;
  }

  @Override
  public void fileDone() {
    int n = done.incrementAndGet();
    if (System.nanoTime() - startNanos < delay.toNanos()) return;
    synchronized (this) {
      if (bar == null) {
        bar = new ProgressBarBuilder()
            .setTaskName("kmodlint")
            .setInitialMax(total)
            .setUnit(" files", 1)
            // the library's own rate counts from when the bar appeared and shows "? files/s"
            // for its first second: rate and time left are measured over the whole run instead
            .setEtaFunction(state -> timeLeft(done.get(), total, System.nanoTime() - startNanos))
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .setConsumer(new ConsoleProgressBarConsumer(err))
            .startsFrom(n, Duration.ofNanos(System.nanoTime() - startNanos)) // rate and ETA over the whole run
            .build();
      }
      bar.stepTo(n);
      bar.setExtraMessage(rate(n, System.nanoTime() - startNanos));
    }
  }

  /** {@code 1234 files/s} over the whole run; empty (never "?") before there is anything to measure. */
  static String rate(long done, long elapsedNanos) {
    if (done <= 0 || elapsedNanos <= 0) return "";
    double perSecond = done * 1e9 / elapsedNanos;
    return String.format(Locale.ROOT, perSecond < 10 ? "%.1f files/s" : "%.0f files/s", perSecond);
  }

  /** The time left at the run's rate so far; empty when it cannot be told yet. */
  static Optional<Duration> timeLeft(long done, long total, long elapsedNanos) {
    if (done <= 0 || elapsedNanos <= 0 || total < done) return Optional.empty();
    return Optional.of(Duration.ofNanos((long) ((double) elapsedNanos / done * (total - done))));
  }

  @Override
  public synchronized void finished() {
    if (bar != null) {
      bar.stepTo(done.get());
      bar.close();
      bar = null;
    }
  }
}
