package dev.kmodlint.index;

import dev.kmodlint.kernel.EmbeddedKernelWriter;
import dev.kmodlint.kernel.KernelConfig;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.kernel.KernelExports;
import dev.kmodlint.kernel.KernelModules;
import dev.kmodlint.kernel.KernelVersion;
import dev.kmodlint.kernel.SourceExports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the tables of one embedded kernel from installed Debian packages, for
 * {@code scripts/gen-kernel-db}:
 * <pre>
 * java -cp kmodlint.jar dev.kmodlint.index.EmbeddedKernelGenerator --root DIR --name 6.12
 *     --kdir /usr/src/linux-headers-R --description "Debian linux-headers R (V)" --modules LIST.gz
 *     [--source DIR --source-release "linux-source-6.12 V"] [--base 6.1] [--default] [--only TABLE,...]
 * </pre>
 * {@code --root} is the resource directory ({@code analyzer/src/main/resources/dev/kmodlint/kernel});
 * with {@code --base}, each table is written as its changes from that kernel's.
 */
public final class EmbeddedKernelGenerator {
  private EmbeddedKernelGenerator() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new HashMap<>();
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--default")) flags.add("default");
      else if (args[i].startsWith("--") && i + 1 < args.length) opt.put(args[i].substring(2), args[++i]);
      else throw new IllegalArgumentException("unexpected argument " + args[i]);
    }
    java.util.Set<String> only = opt.containsKey("only") ? java.util.Set.of(opt.get("only").split(","))
        : java.util.Set.copyOf(EmbeddedKernelWriter.tables());
    for (String required : List.of("root", "name", "kdir", "description"))
      if (!opt.containsKey(required)) throw new IllegalArgumentException("--" + required + " is needed");
    EmbeddedKernelWriter out = new EmbeddedKernelWriter(Path.of(opt.get("root")));
    String name = opt.get("name");
    Path kdir = Path.of(opt.get("kdir"));
    String description = opt.get("description");
    Optional<String> base = Optional.ofNullable(opt.get("base"));
    String uts = KernelDatabase.utsRelease(kdir).orElseThrow(() -> new IOException(kdir + ": no utsrelease.h"));
    KernelVersion version = KernelVersion.ofBuildDirectory(kdir).orElseThrow(() -> new IOException(kdir + ": no version"));

    if (only.contains("exports")) {
      KernelExports exports = KernelExports.fromSymvers(description, List.of(kdir.resolve("Module.symvers")),
          n -> System.err.println(n.message()));
      report(out.writeTable(name, "exports", exports.lines(), base), exports.size() + " exports");
    }

    KernelConfig config = KernelConfig.readDotConfig(description, kdir.resolve(".config"));
    if (only.contains("config"))
      report(out.writeTable(name, "config", config.lines(), base), config.size() + " enabled symbols");

    if (only.contains("modules")) {
      if (!opt.containsKey("modules")) throw new IllegalArgumentException("--modules is needed");
      KernelModules modules;
      try (InputStream in = Files.newInputStream(Path.of(opt.get("modules")))) {
        modules = KernelModules.read(in);
      }
      report(out.writeTable(name, "modules", modules.lines(), base), modules.size() + " module names");
    }

    if (only.contains("header-index")) {
      long t0 = System.nanoTime();
      KernelIndexer.Outcome idx = KernelIndexer.index(kdir, KernelIndexer.Options.DEFAULT, Optional.empty());
      for (String p : idx.problems()) System.err.println("warning: " + p);
      report(out.writeTable(name, "header-index", idx.index().lines(), base), String.format(Locale.ROOT,
          "header index of %d headers, %d names, %d definitions (%d macros that define), %.1fs", idx.headers(),
          idx.index().size(), idx.index().macroDefinitions().size(), idx.index().fileScopeDefiningMacros().size(),
          (System.nanoTime() - t0) / 1e9));
    }

    if (opt.containsKey("source") && only.contains("source-exports")) {
      SourceExports source = SourceExportIndexer.index(Path.of(opt.get("source")),
          opt.getOrDefault("source-release", "linux-source " + version));
      report(out.writeTable(name, "source-exports", source.lines(), base),
          source.size() + " source exports and assembler definitions");
    }
    String arch = config.architecture().orElseThrow(() -> new IOException(kdir + ": no architecture in .config"));
    out.putKernel(new KernelDatabase.EmbeddedKernel(name, uts, description, version, arch), flags.contains("default"));
    System.out.println("embedded kernel " + name + ": " + uts + " " + version + " (" + version.code() + ") " + arch);
  }

  private static void report(Path file, String what) throws IOException {
    System.out.println(String.format(Locale.ROOT, "%-60s %8d bytes  %s", file, Files.size(file), what));
  }
}
