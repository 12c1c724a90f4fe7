package dev.kmodlint.c;

import org.eclipse.cdt.core.parser.IParserLogService;
import org.eclipse.cdt.core.parser.NullLogService;
import org.eclipse.cdt.core.parser.ParseError;
import org.eclipse.cdt.internal.core.util.ICancelable;
import org.eclipse.cdt.internal.core.util.ICanceler;

/**
 * Stops one parse from another thread with CDT's own cancellation: a parse whose log service is
 * an {@link ICanceler} hands it what cancels its preprocessor and its parser, which then throw
 * {@link ParseError} ({@code TIMEOUT_OR_CANCELLED}) at the next token they take. The per-file
 * time limit uses it instead of stopping the thread.
 */
public final class ParseCancellation {
  private volatile boolean cancelled;
  private volatile ICancelable running;
  private final Log log = new Log();

  /** Cancels the parse now, or as soon as it starts. */
  public void cancel() {
    cancelled = true;
    ICancelable c = running;
    if (c != null) c.cancel();
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** The log service to parse with: through it CDT registers what cancels the parse. */
  IParserLogService log() {
    return log;
  }

  /** True when {@code t} is how CDT ends a cancelled parse. */
  public static boolean isCancellation(Throwable t) {
    return t instanceof ParseError e && e.getErrorKind() == ParseError.ParseErrorKind.TIMEOUT_OR_CANCELLED;
  }

  private final class Log extends NullLogService implements ICanceler {
    @Override
    public void setCancelable(ICancelable cancelable) {
      running = cancelable;
      if (cancelable != null && cancelled) cancelable.cancel();
    }

    @Override
    public void setCanceled(boolean value) {
      if (value) cancel();
    }

    @Override
    public boolean isCanceled() {
      return cancelled;
    }
  }
}
