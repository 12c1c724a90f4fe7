package dev.kmodlint.cli;

import dev.kmodlint.config.ConfigFile;
import dev.kmodlint.kernel.KernelDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which kernel to link against: {@code --kdir} and {@code --symvers}, shared by check, info and deps. */
final class KernelOptions {
  @Option(names = "--symvers", paramLabel = "FILE",
      description = "a Module.symvers of the kernel or of other modules (repeatable)")
  List<Path> symvers = new ArrayList<>();

  @Option(names = "--kdir", paramLabel = "DIR", description = "kernel build directory whose exports to assume"
      + " (default: /lib/modules/$(uname -r)/build if present, else the kernel built into kmodlint)")
  Path kdir;

  @Option(names = "--no-auto-index", description = "do not index the headers of a --kdir that has no header index"
      + " yet (about 20 seconds, once per kernel): the built-in index of the same kernel series stands in, else the"
      + " checks that need header macros are skipped")
  boolean noAutoIndex;

  /** What was chosen: the command line wins over the configuration file, which wins over the defaults. */
  record Chosen(List<Path> symvers, Optional<Path> kdir, boolean autoIndex) {
    Chosen(List<Path> symvers, Optional<Path> kdir) {
      this(symvers, kdir, true);
    }

    /**
     * How kernel databases of this run get a header index they lack: made when allowed, with a
     * progress line on {@code terminal} if there is one.
     */
    KernelDatabase.AutoIndex autoIndexPolicy(Optional<java.io.PrintWriter> terminal) {
      return autoIndex ? new KernelDatabase.AutoIndex(true, terminal) : KernelDatabase.AutoIndex.OFF;
    }
  }

  Chosen choose(Optional<ConfigFile> conf) throws IOException {
    List<Path> files = !symvers.isEmpty() ? symvers : conf.map(ConfigFile::symvers).orElse(List.of());
    Optional<Path> dir = kdir != null ? Optional.of(kdir)
        : conf.flatMap(ConfigFile::kdir).or(KernelDatabase::runningKernelBuildDirectory);
    for (Path s : files) Main.checkRegularFile(s);
    return new Chosen(files, dir, !noAutoIndex);
  }
}
