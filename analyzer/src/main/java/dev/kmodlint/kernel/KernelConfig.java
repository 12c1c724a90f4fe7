package dev.kmodlint.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The configuration the assumed kernel was built with: which {@code CONFIG_} symbols are
 * {@code y} or {@code m}. A module gated by {@code obj-$(CONFIG_X)} with X off in it was not
 * part of that build, so that kernel's exports say nothing about what it links against.
 */
public final class KernelConfig {
  static final String MAGIC = "# kmodlint kernel config";
  static final String TABLE = "config";

  private final String release;
  private final Map<String, String> enabled;

  private KernelConfig(String release, Map<String, String> enabled) {
    this.release = release;
    this.enabled = Map.copyOf(enabled);
  }

  public String release() {
    return release;
  }

  /** True when {@code symbol} ({@code CONFIG_FOO}) is {@code y} or {@code m}. */
  public boolean enabled(String symbol) {
    return enabled.containsKey(symbol);
  }

  public int size() {
    return enabled.size();
  }

  /** {@code CONFIG_FOO -> "y"} or {@code "m"}: the symbols that are set (the others are not). */
  public Map<String, String> values() {
    return enabled;
  }

  /** A kernel {@code .config}: only its {@code =y} and {@code =m} lines matter. */
  public static KernelConfig readDotConfig(String release, Path dotConfig) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String line : Files.readAllLines(dotConfig, StandardCharsets.ISO_8859_1)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("CONFIG_") || eq < 0) continue;
      String v = line.substring(eq + 1).strip();
      if (v.equals("y") || v.equals("m")) out.put(line.substring(0, eq), v);
    }
    return new KernelConfig(release, out);
  }

  /** Gzipped text: a {@code # kmodlint kernel config<TAB>release} line, then {@code CONFIG_X=v} lines. */
  public void write(OutputStream raw) throws IOException {
    try (Writer w = new OutputStreamWriter(new GZIPOutputStream(raw), StandardCharsets.UTF_8)) {
      for (String line : lines()) w.write(line + "\n");
    }
  }

  /** The lines {@link #write} writes, the first one included. */
  public java.util.List<String> lines() {
    java.util.List<String> out = new java.util.ArrayList<>();
    out.add(MAGIC + "\t" + release);
    for (Map.Entry<String, String> e : new TreeMap<>(enabled).entrySet()) out.add(e.getKey() + "=" + e.getValue());
    return out;
  }

  /**
   * The configuration of a build directory: its {@code .config}, else what
   * {@code include/generated/autoconf.h} says ({@code #define CONFIG_X 1}, {@code CONFIG_X_MODULE 1}).
   */
  public static Optional<KernelConfig> ofBuildDirectory(String release, Path kdir) {
    try {
      Path dot = kdir.resolve(".config");
      if (Files.isRegularFile(dot)) return Optional.of(readDotConfig(release, dot));
      Path autoconf = kdir.resolve("include/generated/autoconf.h");
      if (!Files.isRegularFile(autoconf)) return Optional.empty();
      Map<String, String> out = new TreeMap<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^#define (CONFIG_\\w+) 1$")
          .matcher(Files.readString(autoconf, StandardCharsets.ISO_8859_1));
      while (m.find()) {
        String name = m.group(1);
        if (name.endsWith("_MODULE")) out.put(name.substring(0, name.length() - "_MODULE".length()), "m");
        else out.putIfAbsent(name, "y");
      }
      return Optional.of(new KernelConfig(release, out));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** {@code y}, {@code m}, or empty for a symbol that is off or unknown. */
  public Optional<String> value(String symbol) {
    return Optional.ofNullable(enabled.get(symbol));
  }

  /**
   * The kernel's architecture as kbuild names its {@code arch/} directory ({@code x86},
   * {@code arm64}...), from the symbol each architecture selects; empty when none is set.
   */
  public Optional<String> architecture() {
    for (String[] a : ARCHES) if (enabled(a[0])) return Optional.of(a[1]);
    return Optional.empty();
  }

  /** The symbol each architecture's Kconfig defines, and its directory under {@code arch/}. */
  static final String[][] ARCHES = {
      {"CONFIG_X86", "x86"}, {"CONFIG_ARM64", "arm64"}, {"CONFIG_ARM", "arm"}, {"CONFIG_PPC", "powerpc"},
      {"CONFIG_RISCV", "riscv"}, {"CONFIG_S390", "s390"}, {"CONFIG_MIPS", "mips"}, {"CONFIG_LOONGARCH", "loongarch"},
      {"CONFIG_SPARC", "sparc"}, {"CONFIG_PARISC", "parisc"}, {"CONFIG_ALPHA", "alpha"}, {"CONFIG_M68K", "m68k"},
      {"CONFIG_SUPERH", "sh"}, {"CONFIG_ARC", "arc"}, {"CONFIG_CSKY", "csky"}, {"CONFIG_HEXAGON", "hexagon"},
      {"CONFIG_MICROBLAZE", "microblaze"}, {"CONFIG_NIOS2", "nios2"}, {"CONFIG_OPENRISC", "openrisc"},
      {"CONFIG_UML", "um"}, {"CONFIG_XTENSA", "xtensa"}, {"CONFIG_IA64", "ia64"}};

  public static KernelConfig read(InputStream raw) throws IOException {
    return read(new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8)));
  }

  static KernelConfig read(BufferedReader reader) throws IOException {
    try (BufferedReader r = reader) {
      String head = r.readLine();
      if (head == null || !head.startsWith(MAGIC + "\t")) throw new IOException("not a kmodlint kernel config");
      Map<String, String> out = new TreeMap<>();
      for (String line; (line = r.readLine()) != null; ) {
        int eq = line.indexOf('=');
        if (eq > 0) out.put(line.substring(0, eq), line.substring(eq + 1));
      }
      return new KernelConfig(head.substring(MAGIC.length() + 1), out);
    }
  }

  /** The configuration of the default embedded kernel; empty when the jar has none. */
  public static Optional<KernelConfig> embedded() {
    return EmbeddedKernels.defaultKernel().flatMap(k -> embedded(k.name()));
  }

  /** The configuration of the embedded kernel {@code kernel}; empty when it has none. */
  public static Optional<KernelConfig> embedded(String kernel) {
    try {
      Optional<BufferedReader> r = EmbeddedKernels.open(kernel, TABLE);
      return r.isEmpty() ? Optional.empty() : Optional.of(read(r.get()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** {@code java -cp kmodlint.jar dev.kmodlint.kernel.KernelConfig .CONFIG RELEASE OUT.gz} */
  public static void main(String[] args) throws IOException {
    KernelConfig c = readDotConfig(args[1], Path.of(args[0]));
    try (OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
      c.write(out);
    }
    System.out.println(c.size() + " enabled symbols of " + c.release() + " -> " + args[2]);
  }
}
