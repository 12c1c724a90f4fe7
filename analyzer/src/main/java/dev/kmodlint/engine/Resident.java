package dev.kmodlint.engine;

import dev.kmodlint.cache.FactCache;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.model.Notification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a long-lived process (kmodlint server, kmodlint lsp) keeps between the analyses it
 * runs: the kernel database it has read and the facts of files it has seen. Whatever it
 * hands out must be what a run made afresh would have: it re-validates what it keeps against
 * the files it was made from at every call. {@link #NONE} keeps nothing (one run).
 */
public interface Resident {
  Resident NONE = new Resident() {};

  /** The kernel of {@code options}; notes about reading it go to {@code notes}. */
  default KernelDatabase kernelDatabase(AnalysisOptions options, List<Notification> notes) throws IOException {
    return Analyzer.kernelDatabase(options, notes);
  }

  /** The fact cache of a run in {@code dir} (see {@link FactCache#FactCache(Path, String, String)}). */
  default FactCache factCache(Path dir, String analyzerBuild, String options) throws IOException {
    return new FactCache(dir, analyzerBuild, options);
  }
}
