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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code info} and {@code deps} share: the scan (no rules) and who provides what. */
final class ModuleScan {
  @Option(names = "--symvers", paramLabel = "FILE",
      description = "a Module.symvers of the kernel or of other modules (repeatable)")
  List<Path> symvers = new ArrayList<>();

  @Option(names = "--kdir", paramLabel = "DIR", description = "kernel build directory whose exports to assume"
      + " (default: /lib/modules/$(uname -r)/build if present, else the kernel built into kmodlint)")
  Path kdir;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or directories holding the modules")
  List<Path> paths;

  record Scan(AnalysisResult result, Linkage linkage) {}

  Scan run() throws IOException {
    for (Path p : paths) if (!Files.exists(p)) throw new NoSuchFileException(p.toString());
    for (Path s : symvers) if (!Files.isRegularFile(s)) throw new NoSuchFileException(s.toString());
    AnalysisOptions opts = new AnalysisOptions(paths, Runtime.getRuntime().availableProcessors(),
        Duration.ofSeconds(60), symvers,
        kdir != null ? Optional.of(kdir) : KernelDatabase.runningKernelBuildDirectory());
    AnalysisResult r = new Analyzer(RuleRegistry.of(List.of())).analyze(opts);
    KernelDatabase kernel = Analyzer.kernelDatabase(opts, new ArrayList<Notification>());
    return new Scan(r, Linkage.of(r.project(), kernel));
  }
}
