package dev.kmodlint.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How to run an analysis. {@code kernels} are the kernels to check against, each in a pass of
 * its own ({@link MultiKernelAnalyzer}); none: the default kernel embedded in kmodlint.
 * {@code cacheDir} keeps the facts of each file between runs; without one, every file is parsed.
 * {@code namedFiles}: the files named one by one whose findings alone will be reported
 * ({@link FileSelection#reportOnly()}); the analysis then needs only their modules and what the
 * cross-module rules relate to them, not every module of {@code inputs}. Empty: everything is reported.
 */
public record AnalysisOptions(List<Path> inputs, int jobs, Duration fileTimeout, List<Path> symvers,
    List<KernelTarget> kernels, Optional<Path> cacheDir, Set<Path> namedFiles) {
  public AnalysisOptions {
    inputs = List.copyOf(inputs);
    symvers = List.copyOf(symvers);
    kernels = List.copyOf(new java.util.LinkedHashSet<>(kernels)); // each kernel once
    namedFiles = Set.copyOf(namedFiles);
  }

  public AnalysisOptions(List<Path> inputs, int jobs, Duration fileTimeout, List<Path> symvers,
      List<KernelTarget> kernels, Optional<Path> cacheDir) {
    this(inputs, jobs, fileTimeout, symvers, kernels, cacheDir, Set.of());
  }

  /** {@code kdir}: the kernel build directory whose exports and headers to assume; without one, the embedded kernel. */
  public AnalysisOptions(List<Path> inputs, int jobs, Duration fileTimeout, List<Path> symvers,
      Optional<Path> kdir, Optional<Path> cacheDir, Set<Path> namedFiles) {
    this(inputs, jobs, fileTimeout, symvers, kdir.<List<KernelTarget>>map(d -> List.of(new KernelTarget.BuildDirectory(d)))
        .orElse(List.of()), cacheDir, namedFiles);
  }

  public AnalysisOptions(List<Path> inputs, int jobs, Duration fileTimeout, List<Path> symvers,
      Optional<Path> kdir, Optional<Path> cacheDir) {
    this(inputs, jobs, fileTimeout, symvers, kdir, cacheDir, Set.of());
  }

  public AnalysisOptions(List<Path> inputs, int jobs, Duration fileTimeout, List<Path> symvers,
      Optional<Path> kdir) {
    this(inputs, jobs, fileTimeout, symvers, kdir, Optional.empty());
  }

  /** The build directory of a run against one kernel given by {@code --kdir}; empty otherwise. */
  public Optional<Path> kdir() {
    return kernels.size() == 1 && kernels.get(0) instanceof KernelTarget.BuildDirectory b
        ? Optional.of(b.dir()) : Optional.empty();
  }

  /** The embedded kernel of a run against one kernel named so ({@code --kernel 6.12}); empty otherwise. */
  public Optional<String> embeddedKernel() {
    return kernels.size() == 1 && kernels.get(0) instanceof KernelTarget.Embedded e
        ? Optional.of(e.name()) : Optional.empty();
  }

  public AnalysisOptions withJobs(int n) {
    return new AnalysisOptions(inputs, n, fileTimeout, symvers, kernels, cacheDir, namedFiles);
  }

  public AnalysisOptions withCacheDir(Optional<Path> dir) {
    return new AnalysisOptions(inputs, jobs, fileTimeout, symvers, kernels, dir, namedFiles);
  }

  /** The same run against {@code targets}. */
  public AnalysisOptions withKernels(List<KernelTarget> targets) {
    return new AnalysisOptions(inputs, jobs, fileTimeout, symvers, targets, cacheDir, namedFiles);
  }

  /** The same, reporting only on {@code files} (see {@link #namedFiles()}). */
  public AnalysisOptions withNamedFiles(Set<Path> files) {
    return new AnalysisOptions(inputs, jobs, fileTimeout, symvers, kernels, cacheDir, files);
  }

  /** The time one file may take to parse, unless {@code --file-timeout} says otherwise (text: for picocli). */
  public static final String DEFAULT_FILE_TIMEOUT_SECONDS = "60";

  public static final Duration DEFAULT_FILE_TIMEOUT = Duration.ofSeconds(Long.parseLong(DEFAULT_FILE_TIMEOUT_SECONDS));

  public static AnalysisOptions of(List<Path> inputs) {
    return new AnalysisOptions(inputs, Runtime.getRuntime().availableProcessors(),
        DEFAULT_FILE_TIMEOUT, List.of(), Optional.empty());
  }
}
