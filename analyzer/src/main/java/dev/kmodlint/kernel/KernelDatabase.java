package dev.kmodlint.kernel;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel an analysis assumes: its exports and its header index, read only when a rule
 * first asks (the embedded ones take a few hundred milliseconds; a one-file check of a
 * license should not pay that). Exports of {@code --symvers} files are added on top.
 */
public final class KernelDatabase {
  private final String description;
  private final int knownSize;
  private final Shared<KernelExports> kernelExports;
  private final Shared<HeaderIndex> headerIndex;
  private final KernelExports extra;
  private final Shared<Optional<KernelConfig>> kernelConfig;
  private final Shared<KernelModules> kernelModules;
  private Optional<KernelConfig> config;
  private final List<Notification> notes = new ArrayList<>();
  private KernelExports exports;
  private int kernelSize = -1;
  private HeaderIndex headers;
  private final Path moduleListDirectory;
  private KernelModules modules;

  /** {@code knownSize} is the kernel's export count when known without reading, else -1. */
  private KernelDatabase(String description, int knownSize,
      Function<Consumer<Notification>, KernelExports> kernelExports,
      Function<Consumer<Notification>, HeaderIndex> headerIndex, KernelExports extra, Path moduleListDirectory,
      java.util.function.Supplier<Optional<KernelConfig>> kernelConfig) {
    this(description, knownSize, new Shared<>(kernelExports), new Shared<>(headerIndex), extra, moduleListDirectory,
        new Shared<>(n -> kernelConfig.get()), new Shared<>(n -> readModules(moduleListDirectory, description, n)));
  }

  private KernelDatabase(String description, int knownSize, Shared<KernelExports> kernelExports,
      Shared<HeaderIndex> headerIndex, KernelExports extra, Path moduleListDirectory,
      Shared<Optional<KernelConfig>> kernelConfig, Shared<KernelModules> kernelModules) {
    this.moduleListDirectory = moduleListDirectory;
    this.description = description;
    this.kernelConfig = kernelConfig;
    this.knownSize = knownSize;
    this.kernelExports = kernelExports;
    this.headerIndex = headerIndex;
    this.extra = extra;
    this.kernelModules = kernelModules;
  }

  /**
   * The same kernel for another run of a long-lived process (kmodlint server, kmodlint lsp):
   * each table (exports, header index, configuration, module list) is read at most once for
   * all the databases made this way, and a run that uses one gets the notes its reading gave;
   * what a run has used and tells stays its own, so its notifications are those of a database
   * made afresh. The caller makes sure the files it was read from are unchanged.
   */
  public KernelDatabase forAnotherRun() {
    return new KernelDatabase(description, knownSize, kernelExports, headerIndex, extra, moduleListDirectory,
        kernelConfig, kernelModules);
  }

  /** A table read at most once, with the notes reading it gave, told again to every database that uses it. */
  private static final class Shared<T> {
    private final Function<Consumer<Notification>, T> read;
    private T value;
    private List<Notification> notes; // null until read

    Shared(Function<Consumer<Notification>, T> read) {
      this.read = read;
    }

    synchronized T get(Consumer<Notification> sink) {
      if (notes == null) {
        List<Notification> told = new ArrayList<>();
        value = read.apply(told::add);
        notes = List.copyOf(told);
      }
      notes.forEach(sink);
      return value;
    }
  }

  /** The embedded kernel (Debian's 6.1), plus {@code extra} exports (those of {@code --symvers}). */
  public static KernelDatabase embedded(KernelExports extra) {
    KernelExports.Header h = KernelExports.embeddedHeader();
    return new KernelDatabase(h.release(), h.count(), n -> KernelExports.embedded(),
        n -> HeaderIndex.embedded(), extra, null, KernelConfig::embedded);
  }

  /**
   * The kernel of a build directory ({@code /lib/modules/RELEASE/build}, a kernel tree after
   * {@code make modules_prepare}): its {@code Module.symvers}, and the header index
   * {@code kmodlint index} made for its release, or the embedded one when it is the same kernel.
   */
  public static KernelDatabase buildDirectory(Path kdir, Path indexCache, KernelExports extra) throws IOException {
    Path symvers = kdir.resolve("Module.symvers");
    if (!Files.isRegularFile(symvers))
      throw new IOException(kdir + ": no Module.symvers (not a kernel build directory, or the kernel is not built)");
    String uts = utsRelease(kdir).orElse("unknown");
    String description = "kernel build directory " + kdir + " (" + uts + ")";
    Function<Consumer<Notification>, KernelExports> exports = notes -> {
      try {
        return KernelExports.fromSymvers(description, List.of(symvers), notes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    Path cached = indexFile(indexCache, uts);
    Function<Consumer<Notification>, HeaderIndex> index;
    if (Files.isRegularFile(cached)) {
      index = notes -> {
        try (InputStream in = Files.newInputStream(cached)) {
          return HeaderIndex.read(in);
        } catch (IOException e) {
          notes.accept(Notification.of("kernel-header-index-unreadable", Level.WARNING, "cannot read the header index "
              + cached + " (" + e.getMessage() + "), so symbols used through kernel header macros and inline"
              + " functions are not seen; `kmodlint index --kdir " + kdir + "` makes it again"));
          return HeaderIndex.empty(uts);
        }
      };
    } else {
      index = notes -> {
        HeaderIndex embedded = HeaderIndex.embedded();
        if (embedded.release().equals(uts)) return embedded;
        if (sameSeries(embedded.release(), uts)) {
          notes.accept(Notification.of("kernel-header-index-substituted", Level.NOTE, "no header index for " + uts
              + " yet: the built-in index of " + embedded.release() + " (the same stable series) stands in;"
              + " `kmodlint index --kdir " + kdir + "` makes its own"));
          return embedded;
        }
        notes.accept(Notification.of("kernel-header-index-missing", Level.WARNING, "no header index for " + uts
            + ", so symbols used through kernel header macros and inline functions are not seen and the"
            + " checks that need them are skipped; `kmodlint index --kdir " + kdir + "` makes one"));
        return HeaderIndex.empty(uts);
      };
    }
    java.util.function.Supplier<Optional<KernelConfig>> config = () -> {
      try {
        Path dot = kdir.resolve(".config");
        return Files.isRegularFile(dot) ? Optional.of(KernelConfig.readDotConfig(uts, dot)) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    };
    return new KernelDatabase(description, -1, exports, index, extra, kdir, config);
  }

  /** {@code /lib/modules/$(uname -r)/build} when the running kernel has one with its exports. */
  public static Optional<Path> runningKernelBuildDirectory() {
    Path p = Path.of("/lib/modules", System.getProperty("os.version"), "build");
    return Files.isRegularFile(p.resolve("Module.symvers")) ? Optional.of(p) : Optional.empty();
  }

  /** Where indexes of kernels live between runs: {@code $XDG_CACHE_HOME/kmodlint} or {@code ~/.cache/kmodlint}. */
  public static Path defaultIndexCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("kmodlint");
  }

  /** Where {@code kmodlint index} keeps the index of a kernel release by default. */
  public static Path indexFile(Path cacheDir, String utsRelease) {
    return cacheDir.resolve("header-index-" + utsRelease.replaceAll("[^A-Za-z0-9._+-]", "_") + ".txt.gz");
  }

  private static final Pattern RELEASE = Pattern.compile("(\\d+\\.\\d+)[.\\d]*[^-]*(?:-\\d+)?(-.*)?");

  /**
   * True when two kernel releases are point releases of one stable series built the same way:
   * {@code 6.1.0-56-amd64} and {@code 6.1.0-57-amd64} (Debian's ABI bumps), {@code 6.12.107+deb12-amd64}
   * and {@code 6.12.117+deb12-amd64}; not {@code 6.1.0-57-amd64} and {@code 6.1.0-57-cloud-amd64}.
   * Their header macros and inline functions differ by backports at most, so the index of
   * one serves the other until its own is made.
   */
  public static boolean sameSeries(String a, String b) {
    Matcher ma = RELEASE.matcher(a);
    Matcher mb = RELEASE.matcher(b);
    return ma.matches() && mb.matches() && ma.group(1).equals(mb.group(1))
        && java.util.Objects.equals(ma.group(2), mb.group(2));
  }

  /** {@code UTS_RELEASE} of a build directory: what {@code uname -r} says when it runs. */
  public static Optional<String> utsRelease(Path kdir) {
    Path h = kdir.resolve("include/generated/utsrelease.h");
    try {
      Matcher m = Pattern.compile("#define\\s+UTS_RELEASE\\s+\"([^\"]+)\"")
          .matcher(Files.readString(h, StandardCharsets.ISO_8859_1));
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Which kernel this is, for the user: "Debian linux-headers 6.1.0-57-amd64 (6.1.192-3)". */
  public String description() {
    return description;
  }

  /** Every export rules may link against: the kernel's, then the {@code --symvers} files'. */
  public synchronized KernelExports exports() {
    if (exports == null) {
      KernelExports kernel = kernelExports.get(notes::add);
      kernelSize = kernel.size();
      exports = kernel.plus(extra);
    }
    return exports;
  }

  /** The configuration the kernel was built with, when known ({@code .config} of the build directory). */
  public synchronized Optional<KernelConfig> config() {
    if (config == null) config = kernelConfig.get(notes::add);
    return config;
  }

  public synchronized HeaderIndex headers() {
    if (headers == null) headers = headerIndex.get(notes::add);
    return headers;
  }

  /**
   * The names of the kernel's modules, loadable and built in: those beside a build directory's
   * kernel ({@code modules.order}, {@code modules.builtin}) when it has them, else the embedded
   * list of Debian's 6.1, said in a notification when it stands in for another kernel.
   */
  public synchronized KernelModules modules() {
    if (modules == null) modules = kernelModules.get(notes::add);
    return modules;
  }

  private static KernelModules readModules(Path moduleListDirectory, String description, Consumer<Notification> notes) {
    KernelModules modules = null;
    if (moduleListDirectory != null) {
      try {
        modules = KernelModules.ofBuildDirectory(moduleListDirectory, description).orElse(null);
      } catch (IOException e) {
        notes.accept(Notification.of("kernel-modules-unreadable", Level.WARNING, "cannot read the module list of "
            + description + " (" + e.getMessage() + ")"));
      }
    }
    if (modules == null) {
      modules = KernelModules.embedded();
      if (moduleListDirectory != null)
        notes.accept(Notification.of("kernel-modules-assumed", Level.NOTE, "no modules.order or modules.builtin"
            + " beside " + moduleListDirectory + ": module names are checked against " + modules.release()));
    }
    return modules;
  }

  /**
   * The exported symbols a module links against when its source uses {@code name}: the
   * name itself when the kernel (or a {@code --symvers} file) exports it, and whatever the
   * header macro or inline function of that name reaches ({@code kzalloc} -> {@code __kmalloc},
   * {@code kmalloc_trace}...). Empty for a name the kernel neither exports nor defines in a header.
   */
  public Set<String> exportsUsedBy(String name) {
    Set<String> reached = headers().reachedExports(name);
    if (!exports().exports(name)) return reached;
    Set<String> out = new TreeSet<>(reached);
    out.add(name);
    return Set.copyOf(out);
  }

  /**
   * What to tell about the kernel after the run: which one was assumed, and what it lacked.
   * Counts appear only for what a rule made kmodlint read.
   */
  public synchronized List<Notification> notifications() {
    List<Notification> out = new ArrayList<>(notes);
    StringBuilder sb = new StringBuilder("assumed kernel exports: ").append(description);
    int size = exports != null ? kernelSize : knownSize;
    if (size >= 0) sb.append(", ").append(size).append(size == 1 ? " symbol" : " symbols");
    if (extra.size() > 0) sb.append(", plus ").append(extra.size()).append(" from ").append(extra.release());
    if (headers != null) sb.append("; header index: ").append(headers.size()).append(" names");
    out.add(Notification.of("kernel-database", Level.NOTE, sb.toString()));
    return out;
  }
}
