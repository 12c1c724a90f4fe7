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

  /** The time one file may take to parse, unless {@code --file-timeout} says otherwise (text: for picocli). */
  public static final String DEFAULT_FILE_TIMEOUT_SECONDS = "60";

  public static final Duration DEFAULT_FILE_TIMEOUT = Duration.ofSeconds(Long.parseLong(DEFAULT_FILE_TIMEOUT_SECONDS));

  public static AnalysisOptions of(List<Path> inputs) {
    return new AnalysisOptions(inputs, Runtime.getRuntime().availableProcessors(),
        DEFAULT_FILE_TIMEOUT, List.of(), Optional.empty());
  }
}
