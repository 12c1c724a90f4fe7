package dev.kmodlint.cli;

import dev.kmodlint.config.ConfigFile;
import dev.kmodlint.engine.KernelTarget;
import dev.kmodlint.kernel.KernelDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Which kernels to link against: {@code --kernel} (embedded kernels by name, {@code all}),
 * {@code --kdir} (repeatable) and {@code --symvers}, shared by check, info, deps and lsp (the
 * last two take one kernel).
 */
final class KernelOptions {
  @Option(names = "--symvers", paramLabel = "FILE",
      description = "a Module.symvers of the kernel or of other modules (repeatable)")
  List<Path> symvers = new ArrayList<>();

  @Option(names = "--kdir", paramLabel = "DIR", description = "kernel build directory whose exports to assume"
      + " (default: /lib/modules/$(uname -r)/build if present, else the kernel built into kmodlint); repeated, or"
      + " with --kernel, each kernel is checked")
  List<Path> kdirs = new ArrayList<>();

  @Option(names = "--kernel", paramLabel = "LIST", split = ",",
      description = "kernels built into kmodlint to check against, comma-separated (6.1,6.12), or all; each"
          + " finding says on which of them it holds")
  List<String> kernels = new ArrayList<>();

  @Option(names = "--no-auto-index", description = "do not index the headers of a --kdir that has no header index"
      + " yet (about 20 seconds, once per kernel): the built-in index of the same kernel series stands in, else the"
      + " checks that need header macros are skipped")
  boolean noAutoIndex;

  /**
   * What was chosen: the command line wins over the configuration file, which wins over the
   * defaults. {@code kernels} is empty for the default kernel (the running kernel's build
   * directory when there is one is given as one).
   */
  record Chosen(List<Path> symvers, List<KernelTarget> kernels, boolean autoIndex) {
    Chosen(List<Path> symvers, Optional<Path> kdir) {
      this(symvers, kdir.<List<KernelTarget>>map(d -> List.of(new KernelTarget.BuildDirectory(d))).orElse(List.of()),
          true);
    }

    /** The build directory of a run against one kernel given as one; empty otherwise. */
    Optional<Path> kdir() {
      return kernels.size() == 1 && kernels.get(0) instanceof KernelTarget.BuildDirectory b
          ? Optional.of(b.dir()) : Optional.empty();
    }

    /**
     * How kernel databases of this run get a header index they lack: made when allowed, with a
     * progress line on {@code terminal} if there is one.
     */
    KernelDatabase.AutoIndex autoIndexPolicy(Optional<java.io.PrintWriter> terminal) {
      return autoIndex ? new KernelDatabase.AutoIndex(true, terminal) : KernelDatabase.AutoIndex.OFF;
    }
  }

  Chosen choose(CommandLine cl, Optional<ConfigFile> conf) throws IOException {
    List<Path> files = !symvers.isEmpty() ? symvers : conf.map(ConfigFile::symvers).orElse(List.of());
    for (Path s : files) Main.checkRegularFile(s);
    Set<KernelTarget> chosen = new LinkedHashSet<>();
    for (String k : kernels) {
      String name = k.strip();
      if (name.isEmpty()) continue;
      if (name.equals("all")) {
        for (KernelDatabase.EmbeddedKernel e : KernelDatabase.embeddedKernels())
          chosen.add(new KernelTarget.Embedded(e.name()));
        continue;
      }
      Optional<KernelDatabase.EmbeddedKernel> e = KernelDatabase.findEmbedded(name);
      if (e.isPresent()) {
        chosen.add(new KernelTarget.Embedded(e.get().name()));
      } else if (name.contains("/") || Files.isDirectory(Path.of(name))) {
        chosen.add(directory(Path.of(name)));
      } else {
        throw new CommandLine.ParameterException(cl, "--kernel " + name + ": no kernel of that name is built into"
            + " kmodlint (there are " + String.join(", ", KernelDatabase.embeddedKernels().stream()
            .map(KernelDatabase.EmbeddedKernel::name).toList()) + ", and all); name a build directory with --kdir");
      }
    }
    for (Path d : kdirs) chosen.add(directory(d));
    if (chosen.isEmpty() && kernels.isEmpty()) {
      Optional<Path> dir = conf.flatMap(ConfigFile::kdir).or(KernelDatabase::runningKernelBuildDirectory);
      dir.ifPresent(d -> chosen.add(new KernelTarget.BuildDirectory(d)));
    }
    if (chosen.isEmpty() && !kernels.isEmpty())
      throw new CommandLine.ParameterException(cl, "--kernel names no kernel");
    return new Chosen(files, List.copyOf(chosen), !noAutoIndex);
  }

  /** For a command that checks against one kernel: what was chosen, unless it is more than one. */
  Chosen chooseOne(CommandLine cl, Optional<ConfigFile> conf, String command) throws IOException {
    Chosen c = choose(cl, conf);
    if (c.kernels().size() > 1)
      throw new CommandLine.ParameterException(cl, command + " takes one kernel, not " + c.kernels().size()
          + " (check and info take several)");
    return c;
  }

  /** A build directory named on the command line: there, and a directory, or one clear line. */
  private static KernelTarget directory(Path dir) throws IOException {
    if (!Files.exists(dir)) throw new NoSuchFileException(dir.toString());
    return new KernelTarget.BuildDirectory(dir);
  }
}
