package dev.kmodlint.cli;

import dev.kmodlint.config.ConfigFiles;
import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.config.ConfigFile;
import dev.kmodlint.engine.Analyzer;
import dev.kmodlint.engine.MultiKernelAnalyzer;
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

  /**
   * The scan: its result and who provides what; in a run against several kernels
   * ({@code info --kernel 6.1,6.12}) the result is the first kernel's and {@code kernels} holds
   * each kernel's, with its findings (what breaks there).
   */
  record Scan(AnalysisResult result, SymbolResolution symbols, List<KernelScan> kernels) {
    Scan(AnalysisResult result, SymbolResolution symbols) {
      this(result, symbols, List.of());
    }
  }

  /** One kernel's part of a scan against several: its name, result (with the rules' findings) and resolution. */
  record KernelScan(String name, AnalysisResult result, SymbolResolution symbols) {}

  /** Prints what the command shows of the scan; returns the exit status. */
  abstract int print(Scan s, java.io.PrintWriter out) throws IOException;

  /** True for a command that takes several kernels and shows each ({@code info}); else one kernel only. */
  boolean severalKernels() {
    return false;
  }

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
    Optional<ConfigFile> conf = ConfigFiles.forInputs(paths).primary();
    KernelOptions.Chosen chosen = severalKernels() ? kernel.choose(spec.commandLine(), conf)
        : kernel.chooseOne(spec.commandLine(), conf, spec.name());
    AnalysisOptions opts = new AnalysisOptions(paths, Math.min(Main.MAX_JOBS, Runtime.getRuntime().availableProcessors()),
        AnalysisOptions.DEFAULT_FILE_TIMEOUT, chosen.symvers(), chosen.kernels(), Optional.empty());
    Optional<java.io.PrintWriter> terminal = ProgressReporter.stderrIsTerminal()
        ? Optional.of(new java.io.PrintWriter(System.err, true)) : Optional.empty();
    if (chosen.kernels().size() > 1) {
      return KernelDatabase.withAutoIndex(chosen.autoIndexPolicy(terminal), () -> {
        // every rule: what breaks on each kernel is what its findings say
        MultiKernelAnalyzer.Outcome o = new MultiKernelAnalyzer(RuleRegistry.discover())
            .analyzeEach(opts, dev.kmodlint.engine.AnalysisProgress.NONE);
        Main.checkSomethingWasRead(o.merged(), paths);
        List<KernelScan> each = new ArrayList<>();
        for (MultiKernelAnalyzer.KernelPass p : o.kernels())
          each.add(new KernelScan(p.name(), p.result(), SymbolResolution.of(p.result().project(), p.kernel())));
        return new Scan(each.get(0).result(), each.get(0).symbols(), each);
      });
    }
    return KernelDatabase.withAutoIndex(chosen.autoIndexPolicy(terminal), () -> {
      AnalysisResult r = new Analyzer(RuleRegistry.of(List.of())).analyze(opts);
      Main.checkSomethingWasRead(r, paths);
      KernelDatabase database = Analyzer.kernelDatabase(opts, new ArrayList<Notification>());
      return new Scan(r, SymbolResolution.of(r.project(), database));
    });
  }
}
