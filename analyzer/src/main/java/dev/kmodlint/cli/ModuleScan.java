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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * What {@code info} and {@code deps} share: the paths and kernel options, the scan (no rules),
 * who provides what, and printing to the command's output.
 */
abstract class ModuleScan implements java.util.concurrent.Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin KernelOptions kernel;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or directories holding the modules")
  List<Path> paths;

  record Scan(AnalysisResult result, SymbolResolution symbols) {}

  /** Prints what the command shows of the scan; returns the exit status. */
  abstract int print(Scan s, java.io.PrintWriter out) throws IOException;

  @Override
  public final Integer call() throws IOException {
    java.io.PrintWriter out = spec.commandLine().getOut();
    int status = print(scan(), out);
    out.flush();
    return status;
  }

  private Scan scan() throws IOException {
    Main.checkPaths(spec.commandLine(), paths);
    // like check: the nearest .kmodlint.yaml may name the kernel
    KernelOptions.Chosen chosen = kernel.choose(ConfigFiles.forInputs(paths).primary());
    AnalysisOptions opts = new AnalysisOptions(paths, Math.min(Main.MAX_JOBS, Runtime.getRuntime().availableProcessors()),
        AnalysisOptions.DEFAULT_FILE_TIMEOUT, chosen.symvers(), chosen.kdir(), Optional.empty());
    Optional<java.io.PrintWriter> terminal = ProgressReporter.stderrIsTerminal()
        ? Optional.of(new java.io.PrintWriter(System.err, true)) : Optional.empty();
    return KernelDatabase.withAutoIndex(chosen.autoIndexPolicy(terminal), () -> {
      AnalysisResult r = new Analyzer(RuleRegistry.of(List.of())).analyze(opts);
      Main.checkSomethingWasRead(r, paths);
      KernelDatabase database = Analyzer.kernelDatabase(opts, new ArrayList<Notification>());
      return new Scan(r, SymbolResolution.of(r.project(), database));
    });
  }
}
