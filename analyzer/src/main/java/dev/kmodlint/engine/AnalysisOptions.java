package dev.kmodlint.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to run an analysis. {@code kdir} is the kernel build directory whose exports and
 * headers to assume; without one, the kernel embedded in kmodlint.
 */
public record AnalysisOptions(List<Path> inputs, int jobs, Duration fileTimeout, List<Path> symvers,
    Optional<Path> kdir) {
  public AnalysisOptions {
    inputs = List.copyOf(inputs);
    symvers = List.copyOf(symvers);
  }

  public static AnalysisOptions of(List<Path> inputs) {
    return new AnalysisOptions(inputs, Runtime.getRuntime().availableProcessors(),
        Duration.ofSeconds(60), List.of(), Optional.empty());
  }
}
