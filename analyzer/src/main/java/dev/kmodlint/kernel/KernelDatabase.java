package dev.kmodlint.kernel;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.text.BoundedReader;
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
  /**
   * A kernel built into kmodlint: {@code name} is how to ask for it ({@code 6.1}, {@code 6.12}),
   * {@code release} its {@code uname -r}, {@code architecture} its {@code arch/} directory.
   */
  public record EmbeddedKernel(String name, String release, String description, KernelVersion version,
      String architecture) {}

  private final String name;
  private final String release;
  private final String description;
  private final int knownSize;
  private final Shared<KernelExports> kernelExports;
  private final Shared<HeaderIndex> headerIndex;
  private final KernelExports extra;
  private final Shared<Optional<KernelConfig>> kernelConfig;
  private final Shared<Optional<KernelVersion>> kernelVersion;
  private final Shared<Optional<SourceExports>> kernelSourceExports;
  private final Shared<KernelModules> kernelModules;
  private Optional<KernelConfig> config;
  private Optional<KernelVersion> version;
  private Optional<SourceExports> sourceExports;
  private final List<Notification> notes = new ArrayList<>();
  private KernelExports exports;
  private int kernelSize = -1;
  private HeaderIndex headers;
  private final Path moduleListDirectory;
  private final String embeddedName;
  private KernelModules modules;

  /** {@code knownSize} is the kernel's export count when known without reading, else -1. */
  private KernelDatabase(String name, String release, String description, int knownSize,
      Function<Consumer<Notification>, KernelExports> kernelExports,
      Function<Consumer<Notification>, HeaderIndex> headerIndex, KernelExports extra, Path moduleListDirectory,
      String embeddedName, java.util.function.Supplier<Optional<KernelConfig>> kernelConfig,
      java.util.function.Supplier<Optional<KernelVersion>> kernelVersion,
      java.util.function.Supplier<Optional<SourceExports>> kernelSourceExports) {
    this(name, release, description, knownSize, new Shared<>(kernelExports), new Shared<>(headerIndex), extra,
        moduleListDirectory, embeddedName, new Shared<>(n -> kernelConfig.get()), new Shared<>(n -> kernelVersion.get()),
        new Shared<>(n -> kernelSourceExports.get()),
        new Shared<>(n -> readModules(moduleListDirectory, description, embeddedName, n)));
  }

  private KernelDatabase(String name, String release, String description, int knownSize,
      Shared<KernelExports> kernelExports, Shared<HeaderIndex> headerIndex, KernelExports extra,
      Path moduleListDirectory, String embeddedName, Shared<Optional<KernelConfig>> kernelConfig,
      Shared<Optional<KernelVersion>> kernelVersion, Shared<Optional<SourceExports>> kernelSourceExports,
      Shared<KernelModules> kernelModules) {
    this.kernelModules = kernelModules;
    this.name = name;
    this.release = release;
    this.moduleListDirectory = moduleListDirectory;
    this.embeddedName = embeddedName;
    this.description = description;
    this.kernelConfig = kernelConfig;
    this.kernelVersion = kernelVersion;
    this.kernelSourceExports = kernelSourceExports;
    this.knownSize = knownSize;
    this.kernelExports = kernelExports;
    this.headerIndex = headerIndex;
    this.extra = extra;
  }

  /**
   * The same kernel for another run of a long-lived process (kmodlint server, kmodlint lsp):
   * each table (exports, header index, configuration, version, source exports, module list)
   * is read at most once for all the databases made this way, and a run that uses one gets
   * the notes its reading gave; what a run has used and tells stays its own, so its
   * notifications are those of a database made afresh. The caller makes sure the files it
   * was read from are unchanged.
   */
  public KernelDatabase forAnotherRun() {
    return new KernelDatabase(name, release, description, knownSize, kernelExports, headerIndex, extra,
        moduleListDirectory, embeddedName, kernelConfig, kernelVersion, kernelSourceExports, kernelModules);
  }

  /**
   * The same kernel with {@code more} exports on top of those it has ({@code KBUILD_EXTRA_SYMBOLS}
   * of a module's Makefile); its tables are shared as in {@link #forAnotherRun}.
   */
  public KernelDatabase withExtraExports(KernelExports more) {
    if (more.size() == 0) return this;
    return new KernelDatabase(name, release, description, knownSize, kernelExports, headerIndex, extra.plus(more),
        moduleListDirectory, embeddedName, kernelConfig, kernelVersion, kernelSourceExports, kernelModules);
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

  /** The kernels built into kmodlint (Debian's 6.1 and 6.12), the default one first. */
  public static List<EmbeddedKernel> embeddedKernels() {
    return EmbeddedKernels.list();
  }

  /**
   * The embedded kernel named {@code name} ({@code 6.1}, {@code 6.12}), or whose release is
   * {@code name} or of its stable series ({@code 6.12.119+deb12-amd64}).
   */
  public static Optional<EmbeddedKernel> findEmbedded(String name) {
    return EmbeddedKernels.find(name);
  }

  /** The default embedded kernel (Debian's 6.1), plus {@code extra} exports (those of {@code --symvers}). */
  public static KernelDatabase embedded(KernelExports extra) {
    Optional<EmbeddedKernel> k = EmbeddedKernels.defaultKernel();
    if (k.isEmpty()) {
      return new KernelDatabase("none", "none", "none", 0, n -> KernelExports.empty("none"),
          n -> HeaderIndex.empty("none"), extra, null, null, Optional::empty, Optional::empty, Optional::empty);
    }
    return embedded(k.get(), extra);
  }

  /** The embedded kernel {@code name} ({@code 6.1}, {@code 6.12}; see {@link #findEmbedded}). */
  public static KernelDatabase embedded(String name) {
    return embedded(name, KernelExports.empty(""));
  }

  /** As {@link #embedded(String)}, plus {@code extra} exports; an unknown name is an {@link IllegalArgumentException}. */
  public static KernelDatabase embedded(String name, KernelExports extra) {
    EmbeddedKernel k = findEmbedded(name).orElseThrow(() -> new IllegalArgumentException("no embedded kernel " + name
        + " (there are " + String.join(", ", embeddedKernels().stream().map(EmbeddedKernel::name).toList()) + ")"));
    return embedded(k, extra);
  }

  private static KernelDatabase embedded(EmbeddedKernel k, KernelExports extra) {
    KernelExports.Header h = KernelExports.embeddedHeader(k.name());
    return new KernelDatabase(k.name(), k.release(), h.release(), h.count(), n -> KernelExports.embedded(k.name()),
        n -> EmbeddedKernels.headerIndex(k.name()), extra, null, k.name(), () -> KernelConfig.embedded(k.name()),
        () -> Optional.of(k.version()), () -> SourceExports.embedded(k.name()));
  }

  /**
   * Whether {@link #buildDirectory(Path, Path, KernelExports)} makes the header index of a
   * kernel it has none for the first time a check needs it ({@code enabled}), and where to
   * show its progress (a terminal), if anywhere.
   */
  public record AutoIndex(boolean enabled, Optional<java.io.PrintWriter> progress) {
    public static final AutoIndex ON = new AutoIndex(true, Optional.empty());
    public static final AutoIndex OFF = new AutoIndex(false, Optional.empty());
  }

  /** The policy {@link #buildDirectory(Path, Path, KernelExports)} takes, for the run on this thread. */
  private static final ThreadLocal<AutoIndex> AUTO_INDEX = ThreadLocal.withInitial(() -> AutoIndex.ON);

  /** Code that may fail with an {@link IOException}. */
  @FunctionalInterface
  public interface IOAction<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code action} with {@code policy} for every kernel database it opens on this
   * thread ({@code check --no-auto-index}, a progress line on a terminal), then restores the
   * previous policy.
   */
  public static <T> T withAutoIndex(AutoIndex policy, IOAction<T> action) throws IOException {
    AutoIndex before = AUTO_INDEX.get();
    AUTO_INDEX.set(policy);
    try {
      return action.run();
    } finally {
      AUTO_INDEX.set(before);
    }
  }

  /**
   * The kernel of a build directory ({@code /lib/modules/RELEASE/build}, a kernel tree after
   * {@code make modules_prepare}): its {@code Module.symvers}, and its header index: the
   * embedded one when it is the embedded kernel's release, else the one cached for this
   * directory, else one made now (unless this thread's {@link AutoIndex} policy says not to)
   * and cached.
   */
  public static KernelDatabase buildDirectory(Path kdir, Path indexCache, KernelExports extra) throws IOException {
    return buildDirectory(kdir, indexCache, extra, AUTO_INDEX.get());
  }

  /**
   * As {@link #buildDirectory(Path, Path, KernelExports)}. Without an index of its own, while
   * none can be made (an error, or {@code autoIndex} off), the embedded index of the same
   * stable series stands in ({@code kernel-header-index-substituted}, a note); without one,
   * the checks that need header macros are skipped ({@code kernel-header-index-missing}, a
   * warning).
   */
  public static KernelDatabase buildDirectory(Path kdir, Path indexCache, KernelExports extra, AutoIndex autoIndex)
      throws IOException {
    Path symvers = kdir.resolve("Module.symvers");
    if (!Files.isRegularFile(symvers))
      throw new IOException(kdir + ": no Module.symvers (not a kernel build directory, or the kernel is not built)");
    // read later, while files are parsed: what would make that fail is told now, as one line
    if (!Files.isReadable(symvers)) throw new BoundedReader.ReadFailure(symvers, "permission denied");
    if (Files.size(symvers) > SymversReader.MAX_BYTES)
      throw new BoundedReader.ReadFailure(symvers, "is larger than " + (SymversReader.MAX_BYTES >> 20)
          + " MiB: not a Module.symvers");
    String uts = utsRelease(kdir).orElse("unknown");
    String description = "kernel build directory " + kdir + " (" + uts + ")";
    Function<Consumer<Notification>, KernelExports> exports = notes -> {
      try {
        return KernelExports.fromSymvers(description, List.of(symvers), notes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    Path cached = indexFile(indexCache, kdir);
    Function<Consumer<Notification>, HeaderIndex> index = notes -> headerIndexOf(kdir, uts, cached, autoIndex, notes);
    Optional<EmbeddedKernel> series = findEmbedded(uts).filter(k -> sameSeries(k.release(), uts));
    return new KernelDatabase(uts, uts, description, -1, exports, index, extra, kdir,
        series.map(EmbeddedKernel::name).orElse(null), () -> KernelConfig.ofBuildDirectory(uts, kdir),
        () -> KernelVersion.ofBuildDirectory(kdir),
        // the exports of the source are those of its series: what a configuration can build
        () -> series.flatMap(k -> SourceExports.embedded(k.name())));
  }

  /** The header index {@link #buildDirectory} describes, found, made or stood in for. */
  private static HeaderIndex headerIndexOf(Path kdir, String uts, Path cached, AutoIndex autoIndex,
      Consumer<Notification> notes) {
    Optional<EmbeddedKernel> same = embeddedKernels().stream().filter(k -> k.release().equals(uts)).findFirst();
    if (same.isPresent()) return EmbeddedKernels.headerIndex(same.get().name());
    String unreadable = null;
    if (Files.isRegularFile(cached)) {
      try (InputStream in = Files.newInputStream(cached)) {
        HeaderIndex idx = HeaderIndex.read(in);
        if (idx.release().equals(uts)) return idx;
        unreadable = "it is the index of " + idx.release();
      } catch (IOException | RuntimeException e) {
        unreadable = e.getMessage();
      }
    }
    String why;
    Optional<HeaderIndexBuilder> builder = autoIndex.enabled() ? HeaderIndexBuilder.installed() : Optional.empty();
    if (builder.isPresent()) {
      try {
        HeaderIndex made = builder.get().build(kdir, autoIndex.progress());
        try {
          made.writeTo(cached);
        } catch (IOException e) {
          notes.accept(Notification.of("kernel-header-index-not-cached", Level.NOTE, "the header index of " + uts
              + " cannot be kept in " + cached + " (" + e.getMessage() + "): the next run makes it again"));
        }
        return made;
      } catch (IOException | RuntimeException e) {
        why = "making one failed: " + e.getMessage();
      }
    } else {
      why = autoIndex.enabled() ? "kmodlint cannot make one here" : "none is made with --no-auto-index";
    }
    if (unreadable != null)
      notes.accept(Notification.of("kernel-header-index-unreadable", Level.WARNING, "cannot read the header index "
          + cached + " (" + unreadable + "); `kmodlint index --kdir " + kdir + "` makes it again"));
    Optional<EmbeddedKernel> series = embeddedKernels().stream().filter(k -> sameSeries(k.release(), uts)).findFirst();
    if (series.isPresent()) {
      notes.accept(Notification.of("kernel-header-index-substituted", Level.NOTE, "no header index for " + uts
          + " (" + why + "): the built-in index of " + series.get().release() + " (the same stable series) stands in;"
          + " `kmodlint index --kdir " + kdir + "` makes its own"));
      return EmbeddedKernels.headerIndex(series.get().name());
    }
    notes.accept(Notification.of("kernel-header-index-missing", Level.WARNING, "no header index for " + uts
        + " (" + why + "), so symbols used through kernel header macros and inline functions are not seen and the"
        + " checks that need them are skipped; `kmodlint index --kdir " + kdir + "` makes one"));
    return HeaderIndex.empty(uts);
  }

  /** {@code /lib/modules/$(uname -r)/build} when the running kernel has one with its exports. */
  public static Optional<Path> runningKernelBuildDirectory() {
    Path p = Path.of("/lib/modules", System.getProperty("os.version"), "build");
    return Files.isRegularFile(p.resolve("Module.symvers")) ? Optional.of(p) : Optional.empty();
  }

  /**
   * Where indexes of kernels live between runs: {@code $XDG_CACHE_HOME/kmodlint} or
   * {@code ~/.cache/kmodlint} (the build points its tests elsewhere with a property).
   */
  public static Path defaultIndexCache() {
    String forTests = System.getProperty("kmodlint.cache.dir");
    if (forTests != null && !forTests.isBlank()) return Path.of(forTests);
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("kmodlint");
  }

  /**
   * Where the index of the headers of {@code kdir} is kept in {@code cacheDir}: named after
   * its release and a hash of the directory's real path and the modification times of its
   * {@code Module.symvers} and {@code include/generated}, so that a rebuilt kernel, or
   * another tree of the same release, gets an index of its own.
   */
  public static Path indexFile(Path cacheDir, Path kdir) {
    String uts = utsRelease(kdir).orElse("unknown");
    StringBuilder key = new StringBuilder();
    try {
      key.append(kdir.toRealPath());
    } catch (IOException e) {
      key.append(kdir.toAbsolutePath().normalize());
    }
    for (String rel : List.of("Module.symvers", "include/generated")) {
      key.append('\n').append(rel).append('=');
      try {
        key.append(Files.getLastModifiedTime(kdir.resolve(rel)).toMillis());
      } catch (IOException e) {
        key.append('-');
      }
    }
    String hash;
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
      hash = java.util.HexFormat.of().formatHex(d, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return cacheDir.resolve("header-index-" + uts.replaceAll("[^A-Za-z0-9._+-]", "_") + "-" + hash + ".txt.gz");
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

  /** How to name this kernel: an embedded kernel's name ({@code 6.12}), else its release. */
  public String name() {
    return name;
  }

  /** {@code UTS_RELEASE}, what {@code uname -r} says on it ({@code 6.1.0-57-amd64}); "unknown" when not known. */
  public String release() {
    return release;
  }

  /** {@code VERSION.PATCHLEVEL.SUBLEVEL} and {@code LINUX_VERSION_CODE}, when known. */
  public synchronized Optional<KernelVersion> version() {
    if (version == null) version = kernelVersion.get(notes::add);
    return version;
  }

  /** The architecture, as kbuild names its {@code arch/} directory ({@code x86}), when the configuration says. */
  public Optional<String> architecture() {
    return config().flatMap(KernelConfig::architecture);
  }

  /**
   * The exports of the kernel's source ({@link SourceExports}) that this kernel is built
   * from: every {@code EXPORT_SYMBOL*} with the configuration and architecture that build it;
   * empty when not known (no embedded kernel of this series).
   */
  public synchronized Optional<SourceExports> sourceExports() {
    if (sourceExports == null) sourceExports = kernelSourceExports.get(notes::add);
    return sourceExports;
  }

  /**
   * Where the source exports {@code symbol}, and which configuration and architecture build
   * that export (this kernel's architecture preferred); see {@link SourceExports}. With
   * {@link SourceExports.SourceExport#builtBy} against {@link #config()}, a rule can tell
   * "exported by drivers/iio/adc/adi-axi-adc.c, which CONFIG_ADI_AXI_ADC builds — off here"
   * from "exported by nothing" (empty).
   */
  public Optional<SourceExports.SourceExport> sourceExport(String symbol) {
    return sourceExports().flatMap(s -> s.lookup(symbol, architecture().orElse("")));
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
   * list of the same series (or of the default kernel), said in a notification when it stands
   * in for another kernel.
   */
  public synchronized KernelModules modules() {
    if (modules == null) modules = kernelModules.get(notes::add);
    return modules;
  }

  private static KernelModules readModules(Path moduleListDirectory, String description, String embeddedName,
      Consumer<Notification> notes) {
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
      modules = embeddedName != null ? KernelModules.embedded(embeddedName) : KernelModules.embedded();
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
