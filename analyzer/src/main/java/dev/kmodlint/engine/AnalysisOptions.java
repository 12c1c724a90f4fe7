package dev.kmodlint.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** How to run an analysis. */
public record AnalysisOptions(List<Path> inputs, int jobs, Duration fileTimeout, List<Path> symvers) {
  public AnalysisOptions {
    inputs = List.copyOf(inputs);
    symvers = List.copyOf(symvers);
  }

  public static AnalysisOptions of(List<Path> inputs) {
    return new AnalysisOptions(inputs, Runtime.getRuntime().availableProcessors(),
        Duration.ofSeconds(60), List.of());
  }
}
