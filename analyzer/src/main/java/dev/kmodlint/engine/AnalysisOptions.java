package dev.kmodlint.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to run an analysis. {@code kdir} is the kernel build directory whose exports and
 * headers to assume; without one, the kernel embedded in kmodlint. {@code cacheDir} keeps the
 * facts of each file between runs; without one, every file is parsed.
 */
public record AnalysisOptions(List<Path> inputs, int jobs, Duration fileTimeout, List<Path> symvers,
    Optional<Path> kdir, Optional<Path> cacheDir) {
  public AnalysisOptions {
    inputs = List.copyOf(inputs);
    symvers = List.copyOf(symvers);
  }

  public AnalysisOptions(List<Path> inputs, int jobs, Duration fileTimeout, List<Path> symvers,
      Optional<Path> kdir) {
    this(inputs, jobs, fileTimeout, symvers, kdir, Optional.empty());
  }

  public AnalysisOptions withJobs(int n) {
    return new AnalysisOptions(inputs, n, fileTimeout, symvers, kdir, cacheDir);
  }

  public AnalysisOptions withCacheDir(Optional<Path> dir) {
    return new AnalysisOptions(inputs, jobs, fileTimeout, symvers, kdir, dir);
  }

  public static AnalysisOptions of(List<Path> inputs) {
    return new AnalysisOptions(inputs, Runtime.getRuntime().availableProcessors(),
        Duration.ofSeconds(60), List.of(), Optional.empty());
  }
}
