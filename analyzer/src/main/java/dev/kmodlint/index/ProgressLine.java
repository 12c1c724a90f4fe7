package dev.kmodlint.index;

import dev.kmodlint.c.HeaderIndexer;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress of an index run on a terminal: one line, rewritten in place as batches end
 * ({@code kmodlint: indexing the headers of 6.1.0-57-amd64: pass 2, 7/16 batches, 12s}), and
 * ended with a newline when the run ends. Nothing is printed until {@link #DELAY_NANOS}
 * have passed, so that a small kernel tree prints nothing.
 */
final class ProgressLine implements HeaderIndexer.Progress, AutoCloseable {
  static final long DELAY_NANOS = 1_000_000_000L;

  private final PrintWriter out;
  private final String what;
  private final long delayNanos;
  private final long start = System.nanoTime();
  private int width;

  /** {@code out} null: nothing is shown. */
  ProgressLine(PrintWriter out, String what) {
    this(out, what, DELAY_NANOS);
  }

  ProgressLine(PrintWriter out, String what, long delayNanos) {
    this.out = out;
    this.what = what;
    this.delayNanos = delayNanos;
  }

  @Override
  public synchronized void batchDone(int pass, int done, int total, String detail) {
    if (out == null) return;
    long elapsed = System.nanoTime() - start;
    if (elapsed < delayNanos) return;
    String line = String.format(Locale.ROOT, "kmodlint: indexing %s: pass %d of 2, %d/%d batches, %ds",
        what, pass, done, total, elapsed / 1_000_000_000L);
    StringBuilder sb = new StringBuilder("\r").append(line);
    for (int i = line.length(); i < width; i++) sb.append(' ');
    width = line.length();
    out.print(sb);
    out.flush();
  }

  /** Ends the line, if one was printed. */
  @Override
  public synchronized void close() {
    if (out != null && width > 0) {
      out.println();
      out.flush();
      width = 0;
    }
  }
}
