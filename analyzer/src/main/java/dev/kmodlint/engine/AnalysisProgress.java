package dev.kmodlint.engine;

/**
 * Told how far an analysis is: the number of files to read once they are known, then each
 * file done (from the worker threads). For a progress bar; the default does nothing.
 */
public interface AnalysisProgress {
  AnalysisProgress NONE = new AnalysisProgress() {};

  default void started(int files) {}

  default void fileDone() {}

  default void finished() {}

  /**
   * How the fact cache served the run: files taken from it, files parsed (no entry or a stale
   * one), entries refused as corrupt or written by another build.
   */
  default void cacheUsed(int hits, int parsed, int refused) {}
}
