package dev.kmodlint.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the embedded kernels' resources ({@link EmbeddedKernels}) into a resource directory:
 * {@code kernels.txt} and each kernel's tables, in full or as the changes from another
 * kernel's table. For the generator, {@code scripts/gen-kernel-db}.
 */
public final class EmbeddedKernelWriter {
  private final Path root;

  /** {@code root}: the directory holding {@code kernels.txt} ({@code .../resources/dev/kmodlint/kernel}). */
  public EmbeddedKernelWriter(Path root) {
    this.root = root;
  }

  /** The tables a kernel can have: exports, header-index, config, modules, source-exports. */
  public static List<String> tables() {
    return EmbeddedKernels.TABLES;
  }

  /** The key each line of a table is sorted by, for finding a delta in one walk. */
  static Function<String, String> key(String table) {
    return switch (table) {
      case "exports" -> l -> l.substring(0, Math.max(0, l.indexOf('\t')));
      case "config" -> l -> l.substring(0, Math.max(0, l.indexOf('=')));
      // in the order of the file: names, header names (after every name: \uffff), definitions
      case "header-index" -> l -> l.startsWith("d #define ") || l.startsWith("u #define ")
          ? "1" + HeaderIndex.macroName(l.substring(2)) : l.startsWith("h ") ? "0\uffff" + l.substring(2)
          : "0" + l.split(" ", 3)[1];
      default -> l -> l;
    };
  }

  /**
   * Writes {@code lines} (the table's own first line first) as table {@code table} of kernel
   * {@code kernel}: in full, or, with a {@code base} kernel whose table is in this directory,
   * as the changes from it. Returns the file written (the other form is removed).
   */
  public Path writeTable(String kernel, String table, List<String> lines, Optional<String> base) throws IOException {
    if (!EmbeddedKernels.TABLES.contains(table)) throw new IllegalArgumentException("no table " + table);
    Path dir = Files.createDirectories(root.resolve(kernel));
    Path full = dir.resolve(table + ".txt.gz");
    Path delta = dir.resolve(table + ".delta.gz");
    Path out = base.isPresent() ? delta : full;
    try (Writer w = new java.io.BufferedWriter(new OutputStreamWriter(
        new GZIPOutputStream(Files.newOutputStream(out), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
      if (base.isPresent()) {
        List<String> from = readTable(base.get(), table)
            .orElseThrow(() -> new IOException(base.get() + " has no table " + table + " in " + root));
        if (table.equals(SourceExports.TABLE)) {
          TableDelta.write(base.get(), from, SourceExports.keys(from), lines, SourceExports.keys(lines), w);
        } else {
          TableDelta.write(base.get(), from, lines, key(table), w);
        }
      } else {
        for (String l : lines) w.write(l + "\n");
      }
    }
    Files.deleteIfExists(base.isPresent() ? full : delta);
    // what the jar will read back must be what was given
    List<String> back = readTable(kernel, table).orElseThrow();
    if (!back.equals(lines)) throw new IOException(out + " does not read back as written");
    return out;
  }

  /** A table of this directory, a delta applied; empty when the kernel has none. */
  public Optional<List<String>> readTable(String kernel, String table) throws IOException {
    Path full = root.resolve(kernel).resolve(table + ".txt.gz");
    if (Files.isRegularFile(full)) {
      try (BufferedReader r = reader(Files.newInputStream(full))) {
        return Optional.of(r.lines().toList());
      }
    }
    Path delta = root.resolve(kernel).resolve(table + ".delta.gz");
    if (!Files.isRegularFile(delta)) return Optional.empty();
    try (BufferedReader r = reader(Files.newInputStream(delta))) {
      String first = r.readLine();
      String of = TableDelta.baseOf(first);
      List<String> base = readTable(of, table).orElseThrow(() -> new IOException(of + " has no table " + table));
      return Optional.of(TableDelta.apply(base, first, r));
    }
  }

  private static BufferedReader reader(InputStream in) throws IOException {
    return new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
  }

  /** The kernels of {@code kernels.txt}, the default first; empty when there is none yet. */
  public List<KernelDatabase.EmbeddedKernel> kernels() throws IOException {
    Path list = root.resolve("kernels.txt");
    if (!Files.isRegularFile(list)) return List.of();
    return EmbeddedKernels.parse(Files.readString(list, StandardCharsets.UTF_8));
  }

  /**
   * Records {@code kernel} in {@code kernels.txt}, in place of a kernel of its name, first
   * when {@code makeDefault}, else where it was (or last).
   */
  public void putKernel(KernelDatabase.EmbeddedKernel kernel, boolean makeDefault) throws IOException {
    List<KernelDatabase.EmbeddedKernel> all = new ArrayList<>(kernels());
    int at = -1;
    for (int i = 0; i < all.size(); i++) if (all.get(i).name().equals(kernel.name())) at = i;
    if (at >= 0) all.remove(at);
    if (makeDefault) all.add(0, kernel);
    else all.add(at >= 0 ? at : all.size(), kernel);
    StringBuilder sb = new StringBuilder(EmbeddedKernels.MAGIC + "\n");
    sb.append("# name\trelease\tversion\tLINUX_VERSION_CODE\tarch\tdescription (the first kernel is the default)\n");
    for (KernelDatabase.EmbeddedKernel k : all) {
      for (String f : List.of(k.name(), k.release(), k.description(), k.architecture()))
        if (f.contains("\t") || f.contains("\n")) throw new IllegalArgumentException("tab or newline in " + f);
      sb.append(String.join("\t", k.name(), k.release(), k.version().toString(), Integer.toString(k.version().code()),
          k.architecture(), k.description())).append('\n');
    }
    Files.createDirectories(root);
    Files.writeString(root.resolve("kernels.txt"), sb, StandardCharsets.UTF_8);
  }
}
