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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Which exported kernel symbols a use of a header macro or inline function really references.
 * A module calling {@code platform_driver_register()} links against
 * {@code __platform_driver_register} (EXPORT_SYMBOL_GPL) because the header makes it a macro;
 * a module's source alone cannot tell. Built once per kernel by {@code kmodlint index}.
 */
public final class HeaderIndex {
  /** What a header makes of a name. */
  public enum Kind {
    FUNCTION_MACRO('m'), OBJECT_MACRO('o'), HEADER_FUNCTION('i'), EXTERN_FUNCTION('e'), EXTERN_VARIABLE('v');

    final char code;

    Kind(char code) {
      this.code = code;
    }

    static Kind of(char c) {
      for (Kind k : values()) if (k.code == c) return k;
      throw new IllegalArgumentException("unknown kind '" + c + "'");
    }
  }

  /** A macro or header function and the exported symbols it reaches, transitively. */
  public record Entry(String name, Kind kind, Set<String> reaches) {
    public Entry {
      reaches = Set.copyOf(reaches);
    }
  }

  static final String MAGIC = "# kmodlint header index";
  /** Resource with the index of the kernel {@link KernelExports#embedded()} describes. */
  static final String EMBEDDED = "/dev/kmodlint/kernel/kernel-header-index.txt.gz";

  private final String release;
  private final Map<String, Entry> entries;

  private HeaderIndex(String release, Map<String, Entry> entries) {
    this.release = release;
    this.entries = java.util.Collections.unmodifiableMap(entries); // callers hand over a map they drop
  }

  public static HeaderIndex empty(String release) {
    return new HeaderIndex(release, Map.of());
  }

  /**
   * Resolves header facts against the symbols a kernel exports. Macros and header functions
   * are followed through each other (cycles included: {@code #define a b} / {@code #define b a}
   * ends); the walk stops at exported names. Every macro is kept, object-like ones too
   * ({@code #define le16_to_cpu __le16_to_cpu}, {@code #define outb outb}): a call to a name the
   * index does not know is a call to a function declared nowhere.
   */
  public static HeaderIndex resolve(String release, HeaderFacts facts, Predicate<String> exported) {
    Map<String, Set<String>> edges = new HashMap<>();
    facts.functions().forEach((n, refs) -> edges.computeIfAbsent(n, k -> new HashSet<>()).addAll(refs));
    facts.macros().forEach((n, refs) -> edges.computeIfAbsent(n, k -> new HashSet<>()).addAll(refs));
    Map<String, Set<String>> closure = new HashMap<>();
    Map<String, Entry> out = new HashMap<>();
    // any order: each name's set is complete, whichever walk computed it
    for (String name : edges.keySet()) {
      Set<String> reach = reach(name, edges, closure, exported);
      Kind kind = facts.functionMacros().contains(name) ? Kind.FUNCTION_MACRO
          : facts.functions().containsKey(name) ? Kind.HEADER_FUNCTION : Kind.OBJECT_MACRO;
      out.put(name, new Entry(name, kind, reach));
    }
    for (String f : facts.externFunctions())
      out.putIfAbsent(f, new Entry(f, Kind.EXTERN_FUNCTION, Set.of()));
    for (String v : facts.externVariables())
      out.putIfAbsent(v, new Entry(v, Kind.EXTERN_VARIABLE, Set.of()));
    return new HeaderIndex(release, out);
  }

  /**
   * Everything exported that {@code start} reaches. Each node's set is complete once
   * computed (a full walk from it), so later walks reuse it instead of going through again.
   */
  private static Set<String> reach(String start, Map<String, Set<String>> edges,
      Map<String, Set<String>> closure, Predicate<String> exported) {
    Set<String> done = closure.get(start);
    if (done != null) return done;
    Set<String> found = new HashSet<>();
    Set<String> seen = new HashSet<>(List.of(start));
    Deque<String> todo = new ArrayDeque<>(List.of(start));
    while (!todo.isEmpty()) {
      String n = todo.pop();
      Set<String> known = n.equals(start) ? null : closure.get(n);
      if (known != null) {
        found.addAll(known);
        continue;
      }
      for (String ref : edges.getOrDefault(n, Set.of())) {
        if (exported.test(ref)) found.add(ref);
        if (edges.containsKey(ref) && seen.add(ref)) todo.push(ref);
      }
    }
    Set<String> result = Set.copyOf(found);
    closure.put(start, result);
    return result;
  }

  public String release() {
    return release;
  }

  public int size() {
    return entries.size();
  }

  public Optional<Entry> lookup(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  /** The exported symbols a use of {@code name} references; empty when it is no macro or header function. */
  public Set<String> reachedExports(String name) {
    Entry e = entries.get(name);
    return e == null ? Set.of() : e.reaches();
  }

  /** True when a header declares {@code name} as an extern function or variable (a prototype, no body). */
  public boolean declaredExtern(String name) {
    Entry e = entries.get(name);
    return e != null && (e.kind() == Kind.EXTERN_FUNCTION || e.kind() == Kind.EXTERN_VARIABLE);
  }

  public long count(Kind kind) {
    return entries.values().stream().filter(e -> e.kind() == kind).count();
  }

  /**
   * Gzipped text: a {@code # kmodlint header index<TAB>release<TAB>entries} line, then one
   * {@code kind name reached...} line per name, sorted.
   */
  public void write(OutputStream raw) throws IOException {
    try (Writer w = new java.io.BufferedWriter(
        new OutputStreamWriter(new GZIPOutputStream(raw, 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
      w.write(MAGIC + "\t" + release + "\t" + entries.size() + "\n");
      String[] names = entries.keySet().toArray(String[]::new);
      java.util.Arrays.sort(names);
      StringBuilder sb = new StringBuilder();
      for (String name : names) {
        Entry e = entries.get(name);
        sb.setLength(0);
        sb.append(e.kind().code).append(' ').append(e.name());
        String[] reached = e.reaches().toArray(String[]::new);
        java.util.Arrays.sort(reached);
        for (String r : reached) sb.append(' ').append(r);
        w.append(sb.append('\n'));
      }
    }
  }

  /** Writes to {@code out} aside and moves the file there, so that no reader sees half an index. */
  public void writeTo(java.nio.file.Path out) throws IOException {
    java.nio.file.Path parent = out.toAbsolutePath().getParent();
    java.nio.file.Files.createDirectories(parent);
    java.nio.file.Path tmp = java.nio.file.Files.createTempFile(parent, ".kmodlint-index", ".tmp");
    try {
      try (OutputStream os = java.nio.file.Files.newOutputStream(tmp)) {
        write(os);
      }
      java.nio.file.Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      java.nio.file.Files.deleteIfExists(tmp);
    }
  }

  /** Reads what {@link #write} wrote; a stream in any other format is an {@link IOException}. */
  public static HeaderIndex read(InputStream raw) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
    String head = r.readLine();
    if (head == null || !head.startsWith(MAGIC + "\t")) throw new IOException("not a kmodlint header index");
    String release = head.split("\t", -1)[1];
    Map<String, Entry> entries = new HashMap<>(1 << 19);
    Map<String, String> interned = new HashMap<>();
    String line;
    int n = 1;
    while ((line = r.readLine()) != null) {
      n++;
      String[] f = line.split(" ");
      if (f.length < 2 || f[0].length() != 1) throw new IOException("header index line " + n + " is malformed");
      // most names (object-like macros, externs) reach nothing: no set to build for them
      Set<String> reaches = f.length == 2 ? Set.of() : new HashSet<>();
      for (int i = 2; i < f.length; i++) reaches.add(interned.computeIfAbsent(f[i], s -> s));
      Kind kind;
      try {
        kind = Kind.of(f[0].charAt(0));
      } catch (IllegalArgumentException e) {
        throw new IOException("header index line " + n + ": " + e.getMessage());
      }
      entries.put(f[1], new Entry(f[1], kind, reaches));
    }
    return new HeaderIndex(release, entries);
  }

  /** The index shipped for the kernel of {@link KernelExports#embedded()}; empty when the jar has none. */
  public static HeaderIndex embedded() {
    try (InputStream in = HeaderIndex.class.getResourceAsStream(EMBEDDED)) {
      if (in == null) return empty("none");
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded header index is corrupt", e);
    }
  }
}
