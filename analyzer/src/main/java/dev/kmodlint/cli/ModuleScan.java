package dev.kmodlint.cli;

import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.engine.AnalysisResult;
import dev.kmodlint.engine.Analyzer;
import dev.kmodlint.engine.Linkage;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.model.Notification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.kmodlint.engine.Configurations;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What {@code info} and {@code deps} share: the scan (no rules) and who provides what. */
final class ModuleScan {
  @Mixin KernelOptions kernel;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or directories holding the modules")
  List<Path> paths;

  record Scan(AnalysisResult result, Linkage linkage) {}

  Scan run() throws IOException {
    for (Path p : paths) if (!Files.exists(p)) throw new NoSuchFileException(p.toString());
    // like check: the nearest .kmodlint.yaml may name the kernel
    KernelOptions.Chosen chosen = kernel.choose(Configurations.forInputs(paths).primary());
    AnalysisOptions opts = new AnalysisOptions(paths, Runtime.getRuntime().availableProcessors(),
        Duration.ofSeconds(60), chosen.symvers(), chosen.kdir(), Optional.empty());
    Optional<java.io.PrintWriter> terminal = ProgressReporter.stderrIsTerminal()
        ? Optional.of(new java.io.PrintWriter(System.err, true)) : Optional.empty();
    return KernelDatabase.withAutoIndex(chosen.autoIndexPolicy(terminal), () -> {
      AnalysisResult r = new Analyzer(RuleRegistry.of(List.of())).analyze(opts);
      KernelDatabase database = Analyzer.kernelDatabase(opts, new ArrayList<Notification>());
      return new Scan(r, Linkage.of(r.project(), database));
    });
  }
}
