package dev.kmodlint.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How to run an analysis. {@code kdir} is the kernel build directory whose exports and
 * headers to assume; without one, the kernel embedded in kmodlint. {@code cacheDir} keeps the
 * facts of each file between runs; without one, every file is parsed. {@code namedFiles}: the
 * files named one by one whose findings alone will be reported ({@link FileSelection#reportOnly()});
 * the analysis then needs only their modules and what the cross-module rules relate to them,
 * not every module of {@code inputs}. Empty: everything is reported.
 */
public record AnalysisOptions(List<Path> inputs, int jobs, Duration fileTimeout, List<Path> symvers,
    Optional<Path> kdir, Optional<Path> cacheDir, Set<Path> namedFiles) {
  public AnalysisOptions {
    inputs = List.copyOf(inputs);
    symvers = List.copyOf(symvers);
    namedFiles = Set.copyOf(namedFiles);
  }

  public AnalysisOptions(List<Path> inputs, int jobs, Duration fileTimeout, List<Path> symvers,
      Optional<Path> kdir, Optional<Path> cacheDir) {
    this(inputs, jobs, fileTimeout, symvers, kdir, cacheDir, Set.of());
  }

  public AnalysisOptions(List<Path> inputs, int jobs, Duration fileTimeout, List<Path> symvers,
      Optional<Path> kdir) {
    this(inputs, jobs, fileTimeout, symvers, kdir, Optional.empty());
  }

  public AnalysisOptions withJobs(int n) {
    return new AnalysisOptions(inputs, n, fileTimeout, symvers, kdir, cacheDir, namedFiles);
  }

  public AnalysisOptions withCacheDir(Optional<Path> dir) {
    return new AnalysisOptions(inputs, jobs, fileTimeout, symvers, kdir, dir, namedFiles);
  }

  /** The same, reporting only on {@code files} (see {@link #namedFiles()}). */
  public AnalysisOptions withNamedFiles(Set<Path> files) {
    return new AnalysisOptions(inputs, jobs, fileTimeout, symvers, kdir, cacheDir, files);
  }

  /** The time one file may take to parse, unless {@code --file-timeout} says otherwise (text: for picocli). */
  public static final String DEFAULT_FILE_TIMEOUT_SECONDS = "60";

  public static final Duration DEFAULT_FILE_TIMEOUT = Duration.ofSeconds(Long.parseLong(DEFAULT_FILE_TIMEOUT_SECONDS));

  public static AnalysisOptions of(List<Path> inputs) {
    return new AnalysisOptions(inputs, Runtime.getRuntime().availableProcessors(),
        DEFAULT_FILE_TIMEOUT, List.of(), Optional.empty());
  }
}
