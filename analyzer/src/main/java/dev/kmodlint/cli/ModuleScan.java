package dev.kmodlint.cli;

import dev.kmodlint.config.ConfigFiles;
import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.engine.Analyzer;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.model.Notification;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.symbols.SymbolResolution;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What {@code info} and {@code deps} share: the scan (no rules) and who provides what. */
final class ModuleScan {
  @Mixin KernelOptions kernel;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or directories holding the modules")
  List<Path> paths;

  record Scan(AnalysisResult result, SymbolResolution symbols) {}

  Scan run(picocli.CommandLine cl) throws IOException {
    Main.checkPaths(cl, paths);
    // like check: the nearest .kmodlint.yaml may name the kernel
    KernelOptions.Chosen chosen = kernel.choose(ConfigFiles.forInputs(paths).primary());
    AnalysisOptions opts = new AnalysisOptions(paths, Math.min(Main.MAX_JOBS, Runtime.getRuntime().availableProcessors()),
        Duration.ofSeconds(60), chosen.symvers(), chosen.kdir(), Optional.empty());
    AnalysisResult r = new Analyzer(RuleRegistry.of(List.of())).analyze(opts);
    Main.checkSomethingWasRead(r, paths);
    KernelDatabase database = Analyzer.kernelDatabase(opts, new ArrayList<Notification>());
    return new Scan(r, SymbolResolution.of(r.project(), database));
  }
}
