package dev.kmodlint.kernel;

import dev.kmodlint.model.Notification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The symbols a kernel (and the modules built with it) export, as modpost sees them in
 * {@code Module.symvers}: which module exports each, whether GPL-only, in which namespace.
 * {@code release} says which kernel this is, for the user to see what was assumed.
 */
public final class KernelExports {
  /** One export. {@code module} is {@code vmlinux} for the kernel image; {@code namespace} is empty for none. */
  public record Export(String symbol, String module, boolean gplOnly, String namespace) {}

  static final String MAGIC = "# kmodlint kernel exports";
  /** The table of an embedded kernel. */
  static final String TABLE = "exports";

  private final String release;
  private final Map<String, Export> exports;

  private KernelExports(String release, Map<String, Export> exports) {
    this.release = release;
    this.exports = Map.copyOf(exports);
  }

  public static KernelExports empty(String release) {
    return new KernelExports(release, Map.of());
  }

  /**
   * Reads {@code Module.symvers} files in order; a symbol in a later file replaces the same
   * symbol of an earlier one, as a module's own build overrides what it was given. Malformed
   * lines become notifications.
   */
  public static KernelExports fromSymvers(String release, List<Path> files, Consumer<Notification> notes)
      throws IOException {
    Map<String, Export> out = new HashMap<>();
    for (Path f : files) {
      for (SymversReader.Export e : SymversReader.read(f, notes)) {
        out.put(e.symbol(), new Export(e.symbol(), e.module(), e.gplOnly(), e.namespace()));
      }
    }
    return new KernelExports(release, out);
  }

  /** These exports with {@code more} added; {@code more} wins where both export a symbol. */
  public KernelExports plus(KernelExports more) {
    if (more.exports.isEmpty()) return this;
    Map<String, Export> merged = new HashMap<>(exports);
    merged.putAll(more.exports);
    return new KernelExports(release, merged);
  }

  public String release() {
    return release;
  }

  public int size() {
    return exports.size();
  }

  public Optional<Export> lookup(String symbol) {
    return Optional.ofNullable(exports.get(symbol));
  }

  public boolean exports(String symbol) {
    return exports.containsKey(symbol);
  }

  /** Every exported name. */
  public Set<String> symbols() {
    return exports.keySet();
  }

  /**
   * Gzipped text: {@code # kmodlint kernel exports<TAB>release<TAB>count}, then one
   * {@code symbol<TAB>module<TAB>G|-<TAB>namespace} line per symbol, sorted. CRCs are left
   * out: nothing kmodlint checks depends on them, and they are most of the bytes.
   */
  public void write(OutputStream raw) throws IOException {
    try (Writer w = new java.io.BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(raw), StandardCharsets.UTF_8))) {
      for (String line : lines()) w.write(line + "\n");
    }
  }

  /** The lines {@link #write} writes, the first one included. */
  public List<String> lines() {
    List<String> out = new java.util.ArrayList<>(exports.size() + 1);
    out.add(MAGIC + "\t" + release + "\t" + exports.size());
    for (Export e : new TreeMap<>(exports).values())
      out.add(e.symbol() + "\t" + e.module() + "\t" + (e.gplOnly() ? "G" : "-") + "\t" + e.namespace());
    return out;
  }

  /** Reads what {@link #write} wrote; any other content is an {@link IOException}. */
  public static KernelExports read(InputStream raw) throws IOException {
    return read(new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8)));
  }

  static KernelExports read(BufferedReader r) throws IOException {
    Header h = header(r.readLine());
    Map<String, Export> out = new HashMap<>(h.count() * 2);
    Map<String, String> modules = new HashMap<>();
    String line;
    int n = 1;
    while ((line = r.readLine()) != null) {
      n++;
      String[] f = line.split("\t", -1);
      if (f.length != 4) throw new IOException("kernel exports line " + n + " is malformed");
      out.put(f[0], new Export(f[0], modules.computeIfAbsent(f[1], m -> m), f[2].equals("G"),
          modules.computeIfAbsent(f[3], m -> m)));
    }
    return new KernelExports(h.release(), out);
  }

  /** {@code java -cp kmodlint.jar dev.kmodlint.kernel.KernelExports MODULE.SYMVERS RELEASE OUT.gz} */
  public static void main(String[] args) throws IOException {
    KernelExports e = fromSymvers(args[1], List.of(Path.of(args[0])), n -> System.err.println(n.message()));
    try (OutputStream out = java.nio.file.Files.newOutputStream(Path.of(args[2]))) {
      e.write(out);
    }
    System.out.println(e.size() + " exports of " + args[1] + " -> " + args[2]);
  }

  /** The first line of the format: which kernel, how many symbols. */
  public record Header(String release, int count) {}

  private static Header header(String line) throws IOException {
    if (line == null || !line.startsWith(MAGIC + "\t")) throw new IOException("not a kmodlint kernel exports file");
    String[] f = line.split("\t", -1);
    try {
      return new Header(f[1], Integer.parseInt(f[2]));
    } catch (RuntimeException e) {
      throw new IOException("malformed kernel exports header: " + line);
    }
  }

  /**
   * The release and size of the default embedded kernel's exports without reading them:
   * enough to tell the user what would be assumed.
   */
  public static Header embeddedHeader() {
    return EmbeddedKernels.defaultKernel().map(k -> embeddedHeader(k.name())).orElse(new Header("none", 0));
  }

  /** As {@link #embeddedHeader()}, of the embedded kernel {@code kernel} ({@code 6.12}). */
  public static Header embeddedHeader(String kernel) {
    try {
      Optional<String> first = EmbeddedKernels.firstLine(kernel, TABLE);
      return first.isPresent() ? header(first.get()) : new Header("none", 0);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded kernel exports of " + kernel + " are corrupt", e);
    }
  }

  /**
   * The exports of the kernel kmodlint assumes when told of none, the default embedded one
   * (generated by {@code scripts/gen-kernel-db} from Debian's linux-headers); empty when the
   * jar has none.
   */
  public static KernelExports embedded() {
    return EmbeddedKernels.defaultKernel().map(k -> embedded(k.name())).orElse(empty("none"));
  }

  /** The exports of the embedded kernel {@code kernel} ({@code 6.1}, {@code 6.12}); empty when it has none. */
  public static KernelExports embedded(String kernel) {
    try {
      Optional<BufferedReader> r = EmbeddedKernels.open(kernel, TABLE);
      if (r.isEmpty()) return empty("none");
      try (BufferedReader in = r.get()) {
        return read(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("embedded kernel exports of " + kernel + " are corrupt", e);
    }
  }
}
