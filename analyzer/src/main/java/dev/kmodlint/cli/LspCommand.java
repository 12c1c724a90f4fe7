package dev.kmodlint.cli;

import dev.kmodlint.lsp.KmodlintLanguageServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmodlint lsp}: a language server on stdin and stdout (see {@link KmodlintLanguageServer}). */
@Command(name = "lsp", mixinStandardHelpOptions = true,
    description = "Run a language server on stdin/stdout: diagnostics and quick fixes as you edit.")
final class LspCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin KernelOptions kernel;

  @Option(names = "--debounce", paramLabel = "MS", defaultValue = "150",
      description = "analyze this long after the last change (default 150 ms)")
  long debounceMillis;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "parser threads (default: cores)")
  Integer jobs;

  @Option(names = "--stdio", description = "talk over stdin and stdout (the only way; accepted for clients that pass it)")
  boolean stdio;

  @Override
  public Integer call() throws IOException {
    if (debounceMillis < 0 || debounceMillis > 60_000) throw new CommandLine.ParameterException(spec.commandLine(),
        "--debounce must be between 0 and 60000 ms");
    if (jobs != null && (jobs < 1 || jobs > 256)) throw new CommandLine.ParameterException(spec.commandLine(),
        "--jobs must be between 1 and 256");
    for (Path s : kernel.symvers) if (!Files.isRegularFile(s)) throw new NoSuchFileException(s.toString());
    if (!kernel.kernels.isEmpty() || kernel.kdirs.size() > 1) throw new CommandLine.ParameterException(
        spec.commandLine(), "lsp checks against one kernel: give --kdir once (--kernel is for check and info)");
    KmodlintLanguageServer.Settings defaults = KmodlintLanguageServer.Settings.defaults();
    KmodlintLanguageServer.Settings settings = new KmodlintLanguageServer.Settings(
        kernel.kdirs.stream().findFirst().map(p -> p.toAbsolutePath().normalize()),
        kernel.symvers.stream().map(p -> p.toAbsolutePath().normalize()).toList(),
        Duration.ofMillis(debounceMillis), jobs != null ? jobs : defaults.jobs(), defaults.maxFiles());
    // stdout is the protocol's: anything else printing there would break it
    PrintStream protocol = System.out;
    InputStream in = System.in;
    System.setOut(System.err);
    return KmodlintLanguageServer.serve(settings, in, protocol);
  }
}
