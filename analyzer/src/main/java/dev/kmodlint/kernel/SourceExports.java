package dev.kmodlint.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What the kernel's source exports, whatever the configuration and architecture: every
 * {@code EXPORT_SYMBOL*} of its {@code .c} and {@code .S} files, and every global symbol its
 * assembler files define, each with the object it is in and the {@code CONFIG_} symbols that
 * build that object (from the Makefiles: {@code obj-$(CONFIG_X) += x.o}, composite parts, the
 * directory descents above it) and the architecture it belongs to. A kernel's
 * {@code Module.symvers} tells what one configuration exports; this tells why a name is not in
 * it: "exported by drivers/iio/adc/adi-axi-adc.c, which CONFIG_ADI_AXI_ADC builds — off in this
 * configuration", against "exported by nothing". Generated from Debian's linux-source by
 * {@code scripts/gen-kernel-db}.
 */
public final class SourceExports {
  /** An export, or an assembler definition that is no export ({@code assemblerOnly}). */
  public enum Kind {
    EXPORT('x'), ASSEMBLER_DEFINITION('a');

    final char code;

    Kind(char code) {
      this.code = code;
    }

    static Kind of(String s) throws IOException {
      for (Kind k : values()) if (s.length() == 1 && k.code == s.charAt(0)) return k;
      throw new IOException("unknown source export kind '" + s + "'");
    }
  }

  /**
   * One export ({@code kind} {@link Kind#EXPORT}) or assembler-defined global symbol, in
   * {@code file} (relative to the source tree), built as {@code object} into {@code module}
   * ({@code drivers/iio/adc/adi-axi-adc}, empty when only ever built in), {@code assembler}
   * when the file is a {@code .S}. {@code gates}: the ways the object gets built, each a set of
   * {@code CONFIG_} symbols that must all be {@code y} or {@code m} (a set that is empty: always
   * built); no way at all when no Makefile lists the object. {@code architecture}: the
   * {@code arch/} directory it belongs to ({@code arm64}), empty for code of every architecture.
   */
  public record SourceExport(String symbol, Kind kind, boolean gplOnly, String namespace, String file, String object,
      String module, boolean assembler, String architecture, List<Set<String>> gates) {
    public SourceExport {
      List<Set<String>> g = new ArrayList<>();
      for (Set<String> s : gates) g.add(Set.copyOf(new TreeSet<>(s)));
      gates = List.copyOf(g);
    }

    /** True when some Makefile builds the object. */
    public boolean listed() {
      return !gates.isEmpty();
    }

    /**
     * True when {@code config} builds the object (every symbol of one of its gates is on)
     * and it is of {@code architecture} (or of every architecture).
     */
    public boolean builtBy(KernelConfig config, String architecture) {
      if (!this.architecture.isEmpty() && !this.architecture.equals(architecture)) return false;
      for (Set<String> g : gates) if (g.stream().allMatch(config::enabled)) return true;
      return false;
    }

    /**
     * The symbols {@code config} lacks to build the object, for the gate that lacks fewest
     * (sorted; empty when it is built, or listed by no Makefile).
     */
    public List<String> missingConfigs(KernelConfig config) {
      List<String> best = null;
      for (Set<String> g : gates) {
        List<String> off = new TreeSet<>(g).stream().filter(s -> !config.enabled(s)).toList();
        if (best == null || off.size() < best.size()) best = off;
      }
      return best == null ? List.of() : best;
    }
  }

  static final String MAGIC = "# kmodlint source exports";
  static final String TABLE = "source-exports";

  private final String release;
  private final Map<String, List<SourceExport>> bySymbol;
  private final int size;

  private SourceExports(String release, Map<String, List<SourceExport>> bySymbol, int size) {
    this.release = release;
    this.bySymbol = bySymbol;
    this.size = size;
  }

  /** The table of {@code exports}, of the source {@code release} names ({@code linux-source-6.1 6.1.192-3}). */
  public static SourceExports of(String release, Collection<SourceExport> exports) {
    Map<String, List<SourceExport>> by = new HashMap<>();
    for (SourceExport e : exports) by.computeIfAbsent(e.symbol(), k -> new ArrayList<>()).add(e);
    by.replaceAll((k, v) -> List.copyOf(v.stream()
        .sorted(java.util.Comparator.comparing(SourceExports::fileLine).thenComparing(SourceExports::memberLine)).toList()));
    return new SourceExports(release, by, exports.size());
  }

  public String release() {
    return release;
  }

  /** Exports and assembler definitions, together. */
  public int size() {
    return size;
  }

  /** Every export and assembler definition of {@code symbol}, in every file and architecture. */
  public List<SourceExport> all(String symbol) {
    return bySymbol.getOrDefault(symbol, List.of());
  }

  /**
   * Where {@code symbol} is exported ({@link Kind#EXPORT} only), preferring code of every
   * architecture, then the first file by name.
   */
  public Optional<SourceExport> lookup(String symbol) {
    return lookup(symbol, "");
  }

  /**
   * Where {@code symbol} is exported, preferring {@code architecture} ({@code x86}) or code
   * of every architecture, then another architecture's.
   */
  public Optional<SourceExport> lookup(String symbol, String architecture) {
    SourceExport other = null;
    SourceExport generic = null;
    for (SourceExport e : all(symbol)) {
      if (e.kind() != Kind.EXPORT) continue;
      if (!architecture.isEmpty() && e.architecture().equals(architecture)) return Optional.of(e);
      if (e.architecture().isEmpty() && generic == null) generic = e;
      if (other == null) other = e;
    }
    return Optional.ofNullable(generic != null ? generic : other);
  }

  /** True when an assembler file of the source defines {@code symbol} as a global (exported or not). */
  public boolean definedInAssembler(String symbol) {
    for (SourceExport e : all(symbol)) if (e.assembler()) return true;
    return false;
  }

  /** Every symbol of the table. */
  public Set<String> symbols() {
    return bySymbol.keySet();
  }

  /**
   * Gzipped text: {@code # kmodlint source exports<TAB>release<TAB>count}, then per file,
   * sorted by path, a {@code f file object module S|C arch gates} line and its records sorted,
   * {@code kind symbol G|- namespace}, all tab-separated. {@code object} is empty when it is the
   * file's own ({@code x.c}: {@code x.o}); gates are the ways separated by {@code |}, each its
   * symbols separated by {@code ,} ({@code -} for a way with no symbol, nothing for no way).
   */
  public void write(OutputStream raw) throws IOException {
    try (Writer w = new java.io.BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(raw), StandardCharsets.UTF_8))) {
      for (String line : lines()) w.write(line + "\n");
    }
  }

  /** The lines {@link #write} writes, the first one included. */
  public List<String> lines() {
    Map<String, List<SourceExport>> byFile = new java.util.TreeMap<>();
    for (List<SourceExport> l : bySymbol.values())
      for (SourceExport e : l) byFile.computeIfAbsent(fileLine(e), k -> new ArrayList<>()).add(e);
    List<String> out = new ArrayList<>(size + byFile.size() + 1);
    out.add(MAGIC + "\t" + release + "\t" + size);
    for (Map.Entry<String, List<SourceExport>> f : byFile.entrySet()) {
      out.add(f.getKey());
      String[] members = f.getValue().stream().map(SourceExports::memberLine).toArray(String[]::new);
      Arrays.sort(members);
      out.addAll(Arrays.asList(members));
    }
    return out;
  }

  private static String defaultObject(String file) {
    int dot = file.lastIndexOf('.');
    return (dot < 0 ? file : file.substring(0, dot)) + ".o";
  }

  private static String fileLine(SourceExport e) {
    List<String> ways = new ArrayList<>();
    for (Set<String> g : e.gates()) ways.add(g.isEmpty() ? "-" : String.join(",", new TreeSet<>(g)));
    ways.sort(null);
    return String.join("\t", "f", e.file(), e.object().equals(defaultObject(e.file())) ? "" : e.object(), e.module(),
        e.assembler() ? "S" : "C", e.architecture(), String.join("|", ways));
  }

  private static String memberLine(SourceExport e) {
    return String.join("\t", String.valueOf(e.kind().code), e.symbol(), e.gplOnly() ? "G" : "-", e.namespace());
  }

  /** The sort keys of the lines {@link #lines} writes (its first line excluded), for a table delta. */
  static List<String> keys(List<String> lines) {
    List<String> out = new ArrayList<>(lines.size());
    String file = "";
    for (int i = 1; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("f\t")) {
        file = l.split("\t", 3)[1];
        out.add(file + "\u0000");
      } else {
        out.add(file + "\u0001" + l);
      }
    }
    return out;
  }

  public static SourceExports read(InputStream raw) throws IOException {
    return read(new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8)));
  }

  static SourceExports read(BufferedReader r) throws IOException {
    String head = r.readLine();
    if (head == null || !head.startsWith(MAGIC + "\t")) throw new IOException("not a kmodlint source export table");
    String release = head.split("\t", -1)[1];
    List<SourceExport> out = new ArrayList<>();
    Map<String, String> interned = new HashMap<>();
    String[] file = null;
    List<Set<String>> gates = List.of();
    int n = 1;
    for (String line; (line = r.readLine()) != null; ) {
      n++;
      String[] f = line.split("\t", -1);
      if (f[0].equals("f")) {
        if (f.length != 7) throw new IOException("source export line " + n + " is malformed");
        file = f;
        gates = new ArrayList<>();
        if (!f[6].isEmpty()) {
          for (String way : f[6].split("\\|", -1)) {
            if (way.equals("-")) {
              gates.add(Set.of());
              continue;
            }
            Set<String> g = new TreeSet<>();
            for (String s : way.split(",", -1)) g.add(interned.computeIfAbsent(s, x -> x));
            gates.add(g);
          }
        }
        continue;
      }
      if (f.length != 4 || file == null) throw new IOException("source export line " + n + " is malformed");
      out.add(new SourceExport(f[1], Kind.of(f[0]), f[2].equals("G"), interned.computeIfAbsent(f[3], x -> x), file[1],
          file[2].isEmpty() ? defaultObject(file[1]) : file[2], file[3], file[4].equals("S"),
          interned.computeIfAbsent(file[5], x -> x), gates));
    }
    return of(release, out);
  }

  /** The source exports of the embedded kernel {@code kernel}; empty when it has none. */
  public static Optional<SourceExports> embedded(String kernel) {
    try {
      Optional<BufferedReader> r = EmbeddedKernels.open(kernel, TABLE);
      if (r.isEmpty()) return Optional.empty();
      try (BufferedReader in = r.get()) {
        return Optional.of(read(in));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("embedded source exports of " + kernel + " are corrupt", e);
    }
  }
}
