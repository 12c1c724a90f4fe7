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
  static final String EMBEDDED = "/dev/kmodlint/kernel/kernel-config.txt.gz";

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
      w.write(MAGIC + "\t" + release + "\n");
      for (Map.Entry<String, String> e : new TreeMap<>(enabled).entrySet()) w.write(e.getKey() + "=" + e.getValue() + "\n");
    }
  }

  public static KernelConfig read(InputStream raw) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
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

  /** The configuration of the embedded kernel; empty when the jar has none. */
  public static Optional<KernelConfig> embedded() {
    try (InputStream in = KernelConfig.class.getResourceAsStream(EMBEDDED)) {
      return in == null ? Optional.empty() : Optional.of(read(in));
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
