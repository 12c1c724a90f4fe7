package dev.kmodlint.kernel;

import dev.kmodlint.model.HeaderFacts;
import dev.kmodlint.model.HeaderFacts.Arity;
import dev.kmodlint.model.NamespaceConventions;
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
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 * What a kernel's headers make of a name: which exported kernel symbols a use of a header
 * macro or inline function really references, how many arguments a header function or
 * function-like macro takes, whether the headers {@code #define} the name, and, for the
 * macros that define functions or objects at file scope, their definition. A module calling
 * {@code platform_driver_register()} links against {@code __platform_driver_register}
 * (EXPORT_SYMBOL_GPL) because the header makes it a macro; a module's source alone cannot
 * tell. Built once per kernel by {@code kmodlint index}.
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

    boolean isMacro() {
      return this == FUNCTION_MACRO || this == OBJECT_MACRO;
    }
  }

  /**
   * A name and the exported symbols it reaches, transitively. {@code arity} is the arguments
   * a call takes (function-like macros and functions; null for the others); {@code defined}
   * says the headers {@code #define} the name, also when it is a function too
   * ({@code #define outb outb}).
   */
  public record Entry(String name, Kind kind, Set<String> reaches, Arity arity, boolean defined) {
    public Entry {
      reaches = Set.copyOf(reaches);
      if (kind.isMacro()) defined = true;
      if (kind == Kind.OBJECT_MACRO || kind == Kind.EXTERN_VARIABLE) arity = null;
      else if (arity == null) arity = Arity.UNKNOWN;
    }

    public Entry(String name, Kind kind, Set<String> reaches) {
      this(name, kind, reaches, null, kind.isMacro());
    }
  }

  /**
   * The first line's start; the number is the format, which changes whenever a line means
   * something else or the index says more. An index of an older format is made again: format 3
   * lacks the header names and the architecture's {@code asm/} headers nothing of
   * {@code include/} reaches, which a check needs as much as the rest.
   */
  static final String MAGIC = "# kmodlint header index 4";
  static final String OLD_MAGIC = "# kmodlint header index";
  /** Before a fact of the namespace conventions ({@link NamespaceConventions}). */
  private static final String NAMESPACE = "n ";
  /** Before the name of a header a module can include ({@code linux/dma-buf.h}). */
  private static final String HEADER = "h ";
  private static final String DEFINE = "#define ";
  /** Before a definition: of a macro that defines at file scope, of a macro such a macro uses. */
  private static final String DEFINER = "d ";
  private static final String USED = "u ";

  private final String release;
  private final Map<String, Entry> entries;
  private final Map<String, String> definitions;
  private final Set<String> definers;
  private final NamespaceConventions namespaces;
  private final Set<String> headerNames;

  private HeaderIndex(String release, Map<String, Entry> entries, Map<String, String> definitions, Set<String> definers,
      NamespaceConventions namespaces, Set<String> headerNames) {
    this.release = release;
    this.namespaces = namespaces;
    this.headerNames = Collections.unmodifiableSet(headerNames);
    // callers hand over maps they drop
    this.entries = Collections.unmodifiableMap(entries);
    this.definitions = Collections.unmodifiableMap(definitions);
    this.definers = Collections.unmodifiableSet(definers);
  }

  public static HeaderIndex empty(String release) {
    return new HeaderIndex(release, Map.of(), Map.of(), Set.of(), NamespaceConventions.UNKNOWN, Set.of());
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
      Arity arity = kind == Kind.FUNCTION_MACRO ? facts.macroArities().get(name) : facts.functionArities().get(name);
      out.put(name, new Entry(name, kind, reach, arity, facts.macros().containsKey(name)));
    }
    for (String f : facts.externFunctions())
      out.putIfAbsent(f, new Entry(f, Kind.EXTERN_FUNCTION, Set.of(), facts.functionArities().get(f), false));
    for (String v : facts.externVariables())
      out.putIfAbsent(v, new Entry(v, Kind.EXTERN_VARIABLE, Set.of(), null, false));
    Map<String, String> defs = new HashMap<>();
    facts.macroDefinitions().forEach((n, d) -> {
      if (out.containsKey(n) && out.get(n).defined()) defs.put(n, d);
    });
    Set<String> definers = new HashSet<>(facts.definingMacros());
    definers.retainAll(defs.keySet());
    return new HeaderIndex(release, out, defs, definers, facts.namespaces(), new HashSet<>(facts.headerNames()));
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

  /**
   * The arguments a call of {@code name} takes, as the headers declare it (a function-like
   * macro's parameters, else the function's): empty when the headers call nothing so
   * ({@link Arity#UNKNOWN} when they do without saying, or disagree).
   */
  public Optional<Arity> arity(String name) {
    Entry e = entries.get(name);
    return e == null ? Optional.empty() : Optional.ofNullable(e.arity());
  }

  /** True when the kernel headers {@code #define name}, object- or function-like: {@code #ifdef name} holds. */
  public boolean definesMacro(String name) {
    Entry e = entries.get(name);
    return e != null && e.defined();
  }

  /**
   * The definition of a macro that defines functions or objects at file scope
   * ({@code DEFINE_MUTEX}, {@code DECLARE_EWMA}, {@code DEVICE_ATTR_RO}...), or of a macro such
   * a definition expands to: {@code #define NAME(params) body}, on one line, as a
   * preprocessor reads it. Empty for other names.
   */
  public Optional<String> macroDefinition(String name) {
    return Optional.ofNullable(definitions.get(name));
  }

  /**
   * True when {@code name} is a function-like macro that defines functions or objects at file
   * scope: the preprocessor expands {@code NAME(a, ...)} to a declaration ({@code DEFINE_MUTEX},
   * {@code DEVICE_ATTR_RO}, {@code DECLARE_EWMA}, {@code module_param}...), not to an expression or
   * a statement ({@code min}, {@code pr_info}, {@code BUILD_BUG_ON}).
   */
  public boolean definesAtFileScope(String name) {
    return definers.contains(name);
  }

  /** The macros {@link #definesAtFileScope} holds for. */
  public Set<String> fileScopeDefiningMacros() {
    return definers;
  }

  /** Every definition {@link #macroDefinition} knows, by macro name. */
  public Map<String, String> macroDefinitions() {
    return definitions;
  }

  private String macroFingerprint;
  /** The names the index defines, as its file lists them (sorted), until the fingerprint is made; null when not read from a file. */
  private String[] definedInFileOrder;

  private static boolean ascending(String[] names) {
    for (int i = 1; i < names.length; i++) if (names[i - 1].compareTo(names[i]) >= 0) return false;
    return true;
  }

  /**
   * A hash of what the index says about macros (the names it {@code #define}s, the
   * definitions it keeps, which of them define at file scope): what a preprocessor given this
   * index depends on, so that facts computed with it are cached under it. Computed once.
   */
  public synchronized String macroFingerprint() {
    if (macroFingerprint == null) {
      // two CRCs and the length, as the fact cache hashes contents (both are intrinsics of the
      // quick compiler the launcher uses; SHA-256 was a tenth of a small run's time there)
      java.util.zip.CRC32 crc32 = new java.util.zip.CRC32();
      java.util.zip.CRC32C crc32c = new java.util.zip.CRC32C();
      long[] length = {0};
      // each text and a newline, in UTF-8, through one buffer (a string and an array per name
      // were most of the fingerprint's time)
      byte[] buffer = new byte[1 << 16];
      int[] used = {0};
      Runnable flush = () -> {
        crc32.update(buffer, 0, used[0]);
        crc32c.update(buffer, 0, used[0]);
        length[0] += used[0];
        used[0] = 0;
      };
      java.util.function.Consumer<String> add = t -> {
        int n = t.length();
        if (used[0] + n + 1 > buffer.length) flush.run();
        boolean ascii = n + 1 <= buffer.length;
        for (int i = 0; ascii && i < n; i++) {
          char c = t.charAt(i);
          if (c >= 0x80) ascii = false;
          else buffer[used[0] + i] = (byte) c;
        }
        if (ascii) {
          buffer[used[0] + n] = '\n';
          used[0] += n + 1;
        } else {
          flush.run();
          byte[] b = (t + "\n").getBytes(StandardCharsets.UTF_8);
          crc32.update(b);
          crc32c.update(b);
          length[0] += b.length;
        }
      };
      add.accept(release);
      // the defined names in name order: as the index file lists them when it was read from one
      // (checked), else sorted; the whole index copied into a tree map was a quarter of a cold run
      String[] sorted = definedInFileOrder;
      if (sorted == null || !ascending(sorted)) {
        List<String> defined = new ArrayList<>();
        entries.forEach((n, e) -> {
          if (e.defined()) defined.add(n);
        });
        sorted = defined.toArray(String[]::new);
        Arrays.sort(sorted);
      }
      definedInFileOrder = null;
      for (String n : sorted) add.accept(n);
      add.accept("--headers");
      String[] headers = headerNames.toArray(String[]::new);
      Arrays.sort(headers);
      for (String h : headers) add.accept(h);
      add.accept("--definitions");
      new java.util.TreeMap<>(definitions).forEach((n, t) -> add.accept((definers.contains(n) ? DEFINER : USED) + t));
      flush.run();
      macroFingerprint = Long.toHexString(length[0]) + "-" + Long.toHexString(crc32.getValue()) + "-"
          + Long.toHexString(crc32c.getValue());
    }
    return macroFingerprint;
  }

  /**
   * How the kernel's headers take symbol namespaces: the form of {@code DEFAULT_SYMBOL_NAMESPACE}
   * and {@code MODULE_IMPORT_NS}, and which headers import a namespace themselves; unknown for an
   * index of an older kmodlint.
   */
  public NamespaceConventions namespaces() {
    return namespaces;
  }

  /**
   * Whether the kernel's include path has a header of this name, as {@code #include <name>}
   * names it ({@code linux/dma-buf.h}): what {@code __has_include(<name>)} finds there. Empty when
   * the index does not know its headers, or for a name it cannot judge (one with {@code ..}).
   */
  public Optional<Boolean> hasHeader(String name) {
    if (headerNames.isEmpty()) return Optional.empty();
    String n = name.replaceAll("/{2,}", "/");
    while (n.startsWith("./")) n = n.substring(2);
    n = n.replace("/./", "/");
    if (n.isEmpty() || n.startsWith("/") || n.equals("..") || n.startsWith("../") || n.contains("/../")
        || n.endsWith("/..")) return Optional.empty();
    return Optional.of(headerNames.contains(n));
  }

  /** The names {@link #hasHeader} knows, sorted. */
  public java.util.SortedSet<String> headerNames() {
    return new java.util.TreeSet<>(headerNames);
  }

  public long count(Kind kind) {
    return entries.values().stream().filter(e -> e.kind() == kind).count();
  }

  /**
   * Gzipped text: a {@code # kmodlint header index 4<TAB>release<TAB>entries<TAB>definitions}
   * line; one {@code kind[#] name arity reached...} line per name, sorted by name, where
   * {@code #} marks a name the headers also {@code #define} and arity is {@code 2}, {@code 1+},
   * {@code ?} or {@code -}; the namespace conventions, each after {@code n }
   * ({@code default-namespace token}, {@code import-namespace token},
   * {@code header-import linux/pwm.h PWM}); the names of the headers a module can include, sorted,
   * each after {@code h }; then the definitions, sorted by macro name, each after
   * {@code d } (a macro that defines at file scope) or {@code u } (one such a macro uses).
   */
  public void write(OutputStream raw) throws IOException {
    try (Writer w = new java.io.BufferedWriter(
        new OutputStreamWriter(new GZIPOutputStream(raw, 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
      for (String line : lines()) w.append(line).append('\n');
    }
  }

  /** The lines {@link #write} writes, the first one included. */
  public List<String> lines() {
    String[] names = entries.keySet().toArray(String[]::new);
    Arrays.sort(names);
    String[] defined = definitions.keySet().toArray(String[]::new);
    Arrays.sort(defined);
    List<String> out = new java.util.ArrayList<>(names.length + defined.length + 1);
    out.add(MAGIC + "\t" + release + "\t" + entries.size() + "\t" + definitions.size());
    StringBuilder sb = new StringBuilder();
    for (String name : names) {
      Entry e = entries.get(name);
      sb.setLength(0);
      sb.append(e.kind().code);
      if (e.defined() && !e.kind().isMacro()) sb.append('#');
      sb.append(' ').append(e.name()).append(' ').append(e.arity() == null ? "-" : e.arity().toString());
      String[] reached = e.reaches().toArray(String[]::new);
      Arrays.sort(reached);
      for (String r : reached) sb.append(' ').append(r);
      out.add(sb.toString());
    }
    if (namespaces.defaultNamespace() != NamespaceConventions.Form.UNKNOWN)
      out.add(NAMESPACE + "default-namespace " + namespaces.defaultNamespace().name().toLowerCase(java.util.Locale.ROOT));
    if (namespaces.importNamespace() != NamespaceConventions.Form.UNKNOWN)
      out.add(NAMESPACE + "import-namespace " + namespaces.importNamespace().name().toLowerCase(java.util.Locale.ROOT));
    namespaces.headerImports().forEach((h, nss) -> {
      for (String ns : new java.util.TreeSet<>(nss)) out.add(NAMESPACE + "header-import " + h + " " + ns);
    });
    String[] headers = headerNames.toArray(String[]::new);
    Arrays.sort(headers);
    for (String h : headers) out.add(HEADER + h);
    for (String d : defined) out.add((definers.contains(d) ? DEFINER : USED) + definitions.get(d));
    return out;
  }

  /** Writes to {@code out} aside and moves the file there, so that no reader sees half an index. */
  public void writeTo(Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".kmodlint-index", ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(tmp)) {
        write(os);
      }
      try {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: its defaults
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads what {@link #write} wrote. A stream in any other format is an {@link IOException},
   * an index of an older kmodlint too (its lines mean something else): it is made again.
   */
  public static HeaderIndex read(InputStream raw) throws IOException {
    return read(new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8)));
  }

  /** As {@link #read(InputStream)}, from the text. */
  static HeaderIndex read(BufferedReader r) throws IOException {
    String head = r.readLine();
    if (head == null || !head.startsWith(OLD_MAGIC)) throw new IOException("not a kmodlint header index");
    if (!head.startsWith(MAGIC + "\t"))
      throw new IOException("a header index in an older format of kmodlint (it is made again)");
    String[] h = head.split("\t", -1);
    String release = h[1];
    Map<String, Entry> entries = new HashMap<>(1 << 19);
    Map<String, String> definitions = new HashMap<>();
    Set<String> definers = new HashSet<>();
    Map<String, String> interned = new HashMap<>();
    Map<String, Arity> arities = new HashMap<>();
    List<String> defined = new ArrayList<>(1 << 16);
    NamespaceConventions.Form defaultNs = NamespaceConventions.Form.UNKNOWN;
    NamespaceConventions.Form importNs = NamespaceConventions.Form.UNKNOWN;
    Map<String, Set<String>> headerImports = new HashMap<>();
    Set<String> headerNames = new HashSet<>();
    String line;
    int n = 1;
    while ((line = r.readLine()) != null) {
      n++;
      if (line.startsWith(NAMESPACE)) {
        String[] f = line.substring(NAMESPACE.length()).split(" ");
        try {
          switch (f[0]) {
            case "default-namespace" -> defaultNs = form(f);
            case "import-namespace" -> importNs = form(f);
            case "header-import" -> {
              if (f.length != 3) throw new IllegalArgumentException("a header and a namespace");
              headerImports.computeIfAbsent(f[1], k -> new HashSet<>()).add(f[2]);
            }
            default -> throw new IllegalArgumentException("unknown namespace fact " + f[0]);
          }
        } catch (IllegalArgumentException e) {
          throw new IOException("header index line " + n + ": " + e.getMessage());
        }
        continue;
      }
      if (line.startsWith(HEADER)) {
        String header = line.substring(HEADER.length());
        if (header.isEmpty() || header.contains(" ")) throw new IOException("header index line " + n + " is malformed");
        headerNames.add(header);
        continue;
      }
      if (line.startsWith(DEFINER + DEFINE) || line.startsWith(USED + DEFINE)) {
        String define = line.substring(2);
        String name = macroName(define);
        if (name.isEmpty()) throw new IOException("header index line " + n + " is malformed");
        definitions.put(name, define);
        if (line.startsWith(DEFINER)) definers.add(name);
        continue;
      }
      // "kind[#] name arity reached...", split by hand: String.split was a quarter of the read
      int s1 = line.indexOf(' ');
      int s2 = s1 < 0 ? -1 : line.indexOf(' ', s1 + 1);
      if (s2 < 0) throw new IOException("header index line " + n + " is malformed");
      int s3 = line.indexOf(' ', s2 + 1);
      String[] f = {line.substring(0, s1), line.substring(s1 + 1, s2), line.substring(s2 + 1, s3 < 0 ? line.length() : s3)};
      if (f[0].isEmpty() || f[0].length() > 2 || (f[0].length() == 2 && f[0].charAt(1) != '#') || f[1].isEmpty())
        throw new IOException("header index line " + n + " is malformed");
      // most names (object-like macros, externs) reach nothing: no set to build for them
      Set<String> reaches = s3 < 0 ? Set.of() : new HashSet<>();
      for (int i = s3; i >= 0; ) {
        int j = line.indexOf(' ', i + 1);
        String reached = line.substring(i + 1, j < 0 ? line.length() : j);
        if (!reached.isEmpty()) reaches.add(interned.computeIfAbsent(reached, x -> x));
        i = j;
      }
      Kind kind;
      Arity arity;
      try {
        kind = Kind.of(f[0].charAt(0));
        arity = f[2].equals("-") ? null : arities.computeIfAbsent(f[2], Arity::parse);
      } catch (IllegalArgumentException e) {
        throw new IOException("header index line " + n + ": " + e.getMessage());
      }
      Entry e = new Entry(f[1], kind, reaches, arity, f[0].length() == 2);
      entries.put(f[1], e);
      if (e.defined()) defined.add(f[1]);
    }
    HeaderIndex index = new HeaderIndex(release, entries, definitions, definers,
        new NamespaceConventions(defaultNs, importNs, headerImports), headerNames);
    index.definedInFileOrder = defined.toArray(String[]::new);
    return index;
  }

  private static NamespaceConventions.Form form(String[] f) {
    if (f.length != 2) throw new IllegalArgumentException("a form: token or string");
    return switch (f[1]) {
      case "token" -> NamespaceConventions.Form.TOKEN;
      case "string" -> NamespaceConventions.Form.STRING;
      default -> throw new IllegalArgumentException("unknown form " + f[1]);
    };
  }

  /** NAME of {@code #define NAME(params) body} or {@code #define NAME body}. */
  static String macroName(String definition) {
    int i = DEFINE.length();
    int j = i;
    while (j < definition.length() && (Character.isLetterOrDigit(definition.charAt(j)) || definition.charAt(j) == '_'))
      j++;
    return definition.substring(i, j);
  }

  /** The index shipped for the default embedded kernel ({@link KernelDatabase#embeddedKernels()}); empty when the jar has none. */
  public static HeaderIndex embedded() {
    return EmbeddedKernels.defaultKernel().map(k -> EmbeddedKernels.headerIndex(k.name())).orElse(empty("none"));
  }
}
