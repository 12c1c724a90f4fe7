package dev.kmodlint.index;

import dev.kmodlint.kbuild.KbuildDirectory;
import dev.kmodlint.kbuild.KbuildReader;
import dev.kmodlint.kernel.SourceExports;
import dev.kmodlint.kernel.SourceExports.Kind;
import dev.kmodlint.kernel.SourceExports.SourceExport;
import dev.kmodlint.model.KbuildModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The exports of a kernel source tree, whatever the configuration and architecture
 * ({@link SourceExports}): every {@code EXPORT_SYMBOL*} of its {@code .c} and {@code .S} files
 * and every global symbol its assembler files define, each with the object it is in and the
 * {@code CONFIG_} symbols that build that object. Which objects a configuration builds comes
 * from the tree's Makefiles, read with {@link KbuildReader} from the top-level {@code Kbuild}
 * down the directory descents ({@code obj-$(CONFIG_X) += dir/}), each architecture's
 * {@code arch/A/Kbuild} and the directories its {@code arch/A/Makefile} adds
 * ({@code drivers-$(CONFIG_PCI) += arch/x86/pci/}), and the top Makefile's {@code libs-y}.
 * As {@link KbuildReader} reads them, the branches of a Makefile's conditionals are all taken:
 * an object listed under {@code ifdef CONFIG_X} alone is not known to need X.
 */
final class SourceExportIndexer {
  /** What a configuration needs to build it: gate alternatives, the module it goes into, the architecture. */
  private static final class Built {
    final Set<Set<String>> gates = new LinkedHashSet<>();
    String module = "";
    String architecture = "";
  }

  /** Ways into a directory, at most this many (a directory reached by many descents is rare). */
  private static final int MAX_WAYS = 16;
  private static final Set<String> NOT_KERNEL = Set.of("tools", "scripts", "Documentation");

  private static final Pattern EXPORT = Pattern.compile(
      "\\b(EXPORT_SYMBOL(?:_GPL)?|EXPORT_SYMBOL_NS(?:_GPL)?|EXPORT_SYMBOL_GPL_FOR_MODULES|EXPORT_PER_CPU_SYMBOL(?:_GPL)?"
      + "|EXPORT_TRACEPOINT_SYMBOL(?:_GPL)?|EXPORT_STATIC_CALL(?:_TRAMP)?(?:_GPL)?|EXPORT_SYMBOL_IF_KUNIT"
      + "|EXPORT_INDIRECT_CALLABLE)\\s*\\(\\s*(\\w+)\\s*(?:,\\s*(\"?)([A-Za-z_][\\w:.,-]*)\\3\\s*)?\\)");
  /** {@code #define IWL_EXPORT_SYMBOL(sym) EXPORT_SYMBOL_NS_GPL(sym, IWLWIFI)}: a subsystem's own export macro. */
  private static final Pattern WRAPPER = Pattern.compile("(?m)^\\s*#\\s*define\\s+(\\w+)\\s*\\(\\s*(\\w+)\\s*\\)\\s+"
      + "(EXPORT_SYMBOL(?:_NS)?(?:_GPL)?)\\s*\\(\\s*\\2\\s*(?:,\\s*\"?(\\w+)\"?\\s*)?\\)");
  private static final Pattern ASM_GLOBAL = dev.kmodlint.text.AssemblerSymbols.GLOBAL;
  private static final Pattern DEFAULT_NAMESPACE = Pattern.compile(
      "(?m)^\\s*#\\s*define\\s+DEFAULT_SYMBOL_NAMESPACE\\s+\"?([A-Za-z_][\\w:.-]*)\"?");
  private static final Pattern DEFAULT_NAMESPACE_FLAG = Pattern.compile(
      "-DDEFAULT_SYMBOL_NAMESPACE=(?:\\\\?[\"'])*([A-Za-z_][\\w:.-]*)");
  private static final Pattern CONFIG = Pattern.compile("\\$\\((CONFIG_\\w+)\\)");

  private final Path tree;
  private final KbuildReader reader = new KbuildReader();
  /** Objects (their path relative to the tree, {@code drivers/iio/adc/adi-axi-adc.o}) and what builds them. */
  private final Map<String, Built> objects = new HashMap<>();
  /** Namespaces Makefiles give a directory's objects ({@code ccflags-y += -DDEFAULT_SYMBOL_NAMESPACE=X}). */
  private final Map<String, String> namespaceFlags = new HashMap<>();
  private final Map<Path, Set<Set<String>>> ways = new LinkedHashMap<>();
  private final Map<Path, String> arches = new HashMap<>();
  private final Map<Path, KbuildDirectory> read = new HashMap<>();
  /** Export macros of the tree's own ({@code IWL_EXPORT_SYMBOL}): the form they use, and its namespace. */
  private final Map<String, String[]> wrappers = new java.util.TreeMap<>();
  private Pattern wrapperCall;

  private SourceExportIndexer(Path tree) {
    this.tree = tree.toAbsolutePath().normalize();
  }

  /** The exports of the source tree {@code tree}, named {@code release} ({@code linux-source-6.1 6.1.192-3}). */
  static SourceExports index(Path tree, String release) throws IOException {
    SourceExportIndexer x = new SourceExportIndexer(tree);
    x.walkMakefiles();
    return SourceExports.of(release, x.scanSources());
  }

  /** Arch symbols: the {@code CONFIG_} symbol each architecture sets, and a few that only one sets. */
  private static final Map<String, String> ARCH_SYMBOLS = archSymbols();

  private static Map<String, String> archSymbols() {
    Map<String, String> m = new HashMap<>();
    String[][] a = {{"X86", "x86"}, {"X86_64", "x86"}, {"X86_32", "x86"}, {"ARM64", "arm64"}, {"ARM", "arm"},
        {"PPC", "powerpc"}, {"PPC64", "powerpc"}, {"PPC32", "powerpc"}, {"RISCV", "riscv"}, {"S390", "s390"},
        {"MIPS", "mips"}, {"LOONGARCH", "loongarch"}, {"SPARC", "sparc"}, {"SPARC64", "sparc"}, {"PARISC", "parisc"},
        {"ALPHA", "alpha"}, {"M68K", "m68k"}, {"SUPERH", "sh"}, {"ARC", "arc"}, {"CSKY", "csky"},
        {"HEXAGON", "hexagon"}, {"MICROBLAZE", "microblaze"}, {"NIOS2", "nios2"}, {"OPENRISC", "openrisc"},
        {"UML", "um"}, {"XTENSA", "xtensa"}, {"IA64", "ia64"}};
    for (String[] p : a) m.put("CONFIG_" + p[0], p[1]);
    return Map.copyOf(m);
  }

  // ---------------------------------------------------------------------------------------
  // Makefiles

  private void walkMakefiles() throws IOException {
    Deque<Path> todo = new ArrayDeque<>();
    // the top-level Kbuild: init/ kernel/ mm/ drivers/... (arch/$(SRCARCH)/ is each arch below)
    descend(tree, Set.of(), "", todo);
    for (String dir : topMakefileDirectories("libs-y")) descend(tree.resolve(dir), Set.of(), "", todo);
    Path arch = tree.resolve("arch");
    if (Files.isDirectory(arch)) {
      try (Stream<Path> s = Files.list(arch)) {
        for (Path a : s.filter(Files::isDirectory).sorted().toList()) {
          String name = a.getFileName().toString();
          descend(a, Set.of(), name, todo);
          // core-y, drivers-$(CONFIG_PCI), libs-y of arch/A/Makefile: directories relative to the tree
          Path makefile = a.resolve("Makefile");
          if (!Files.isRegularFile(makefile)) continue;
          for (String[] as : archDirectoryAssignments(makefile)) {
            Set<String> gates = configs(as[0]);
            for (String word : as[1].split("\\s+")) {
              if (!word.endsWith("/") || word.contains("$") || !word.startsWith("arch/")) continue;
              descend(tree.resolve(word), gates, name, todo);
            }
          }
        }
      }
    }
    Set<Path> read = new HashSet<>();
    while (!todo.isEmpty()) {
      Path dir = todo.pop();
      // a directory is read again when new ways into it were found, so that its children get them too
      read(dir, todo, read.add(dir));
    }
  }

  /** Records a way into {@code dir}; queues it when the way is new. */
  private void descend(Path dir, Set<String> gates, String arch, Deque<Path> todo) {
    Path d = dir.normalize();
    if (!d.startsWith(tree) || !Files.isDirectory(d)) return;
    Path rel = tree.relativize(d);
    if (rel.getNameCount() > 0 && NOT_KERNEL.contains(rel.getName(0).toString())) return;
    Set<Set<String>> w = ways.computeIfAbsent(d, k -> new LinkedHashSet<>());
    if (!arch.isEmpty()) arches.putIfAbsent(d, arch);
    if (w.size() >= MAX_WAYS) return;
    // a way that needs more than a known one adds nothing
    for (Set<String> known : w) if (gates.containsAll(known)) return;
    w.removeIf(known -> known.containsAll(gates));
    w.add(Set.copyOf(gates));
    todo.push(d);
  }

  private void read(Path dir, Deque<Path> todo, boolean first) {
    KbuildDirectory k = this.read.computeIfAbsent(dir, reader::read);
    if (k.makefile().isEmpty()) return;
    String arch = arches.getOrDefault(dir, "");
    Set<Set<String>> into = ways.get(dir);
    String relDir = tree.relativize(dir).toString();
    // -DDEFAULT_SYMBOL_NAMESPACE=X in ccflags-y (the directory) or CFLAGS_foo.o (one object)
    if (first) {
      for (KbuildModel.Assignment a : k.assignments()) {
        Matcher ns = DEFAULT_NAMESPACE_FLAG.matcher(a.value());
        if (!ns.find()) continue;
        if (a.variable().startsWith("ccflags-") || a.variable().startsWith("subdir-ccflags-")
            || a.variable().equals("EXTRA_CFLAGS")) {
          namespaceFlags.put(relDir + "/", ns.group(1));
        } else if (a.variable().startsWith("CFLAGS_")) {
          namespaceFlags.put(join(relDir, a.variable().substring("CFLAGS_".length())), ns.group(1));
        }
      }
    }
    Map<String, List<KbuildModel.Composite>> composites = new HashMap<>();
    for (KbuildModel.Composite c : k.composites()) composites.computeIfAbsent(c.module(), x -> new ArrayList<>()).add(c);
    for (KbuildModel.Entry e : k.entries()) {
      if (e.name().contains("$") || e.name().contains("//")) continue;
      Set<String> gates = e.gates();
      if (e.directory()) {
        for (Set<String> w : List.copyOf(into)) descend(dir.resolve(e.name()), union(w, gates), arch, todo);
        continue;
      }
      String base = e.base();
      boolean module = e.buildMode().mayBeModule();
      String moduleName = module ? join(relDir, base) : "";
      List<KbuildModel.Composite> parts = composites.get(base);
      if (parts == null) {
        built(join(relDir, e.name()), into, gates, moduleName, arch);
        continue;
      }
      for (KbuildModel.Composite c : parts) {
        // foo-$(CONFIG_X) is evaluated per value of CONFIG_X: foo-y and foo-m with the condition
        // on each part, and foo- (X not set), which builds nothing
        if (c.variable().endsWith("-")) continue;
        Set<String> partGates = union(gates, configs(c.variable()));
        for (KbuildModel.Part p : c.parts())
          built(join(relDir, p.name()), into, union(partGates, conditionConfigs(p.conditions())), moduleName, arch);
      }
    }
  }

  private void built(String object, Set<Set<String>> into, Set<String> gates, String module, String arch) {
    Built b = objects.computeIfAbsent(normalize(object), x -> new Built());
    for (Set<String> w : into) if (b.gates.size() < MAX_WAYS) b.gates.add(union(w, gates));
    if (b.module.isEmpty()) b.module = module;
    if (b.architecture.isEmpty()) b.architecture = arch;
  }

  private static final Pattern ARCH_DIRECTORIES = Pattern.compile(
      "(?m)^\\s*(?:core|drivers|libs|head)-(y|(?:\\$\\(CONFIG_\\w+\\))+)\\s*(?:\\+|:|::)?=(.*)$");

  /**
   * {@code core-y}, {@code drivers-$(CONFIG_PCI)}, {@code libs-y} of an architecture's Makefile
   * as written, {@code [gate part, value]}: read from the text, because evaluating the Makefile
   * replaces {@code $(CONFIG_PCI)} by each of its values and the gate would be lost.
   */
  private static List<String[]> archDirectoryAssignments(Path makefile) throws IOException {
    String text = new String(dev.kmodlint.text.BoundedReader.read(makefile, 4 << 20),
        java.nio.charset.StandardCharsets.ISO_8859_1).replace("\\\n", " ");
    List<String[]> out = new ArrayList<>();
    Matcher m = ARCH_DIRECTORIES.matcher(text);
    while (m.find()) out.add(new String[] {m.group(1), m.group(2).replaceAll("#.*", "").trim()});
    return out;
  }

  /** The {@code CONFIG_} symbols that the evaluator's conditions on a part require set ({@code when CONFIG_X is m}). */
  private static Set<String> conditionConfigs(List<String> conditions) {
    Set<String> out = new TreeSet<>();
    for (String c : conditions) {
      Matcher m = CONDITION.matcher(c);
      while (m.find()) out.add(m.group(1));
    }
    return out;
  }

  private static final Pattern CONDITION = Pattern.compile("\\b(CONFIG_\\w+) is [ym]\\b");

  /** The directory words of an assignment of the top-level Makefile ({@code libs-y := lib/}). */
  private List<String> topMakefileDirectories(String variable) throws IOException {
    Path makefile = tree.resolve("Makefile");
    List<String> out = new ArrayList<>();
    if (!Files.isRegularFile(makefile)) return out;
    for (KbuildModel.Assignment a : assignments(makefile)) {
      if (!a.variable().equals(variable)) continue;
      for (String w : a.value().split("\\s+")) if (w.endsWith("/") && !w.contains("$")) out.add(w);
    }
    return out;
  }

  /**
   * The assignments of one Makefile, read on its own: {@link KbuildReader} reads a directory's
   * {@code Kbuild} before its {@code Makefile}, so an architecture's Makefile is given to it
   * alone in a directory of its own.
   */
  private List<KbuildModel.Assignment> assignments(Path makefile) throws IOException {
    Path alone = Files.createTempDirectory("kmodlint-makefile");
    try {
      Files.copy(makefile, alone.resolve("Makefile"));
      return reader.read(alone).assignments();
    } finally {
      Files.deleteIfExists(alone.resolve("Makefile"));
      Files.deleteIfExists(alone);
    }
  }

  private static Set<String> configs(String s) {
    Set<String> out = new TreeSet<>();
    Matcher m = CONFIG.matcher(s);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    if (b.isEmpty()) return a;
    if (a.isEmpty()) return b;
    Set<String> u = new TreeSet<>(a);
    u.addAll(b);
    return u;
  }

  private static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  private static String normalize(String rel) {
    return Path.of(rel).normalize().toString();
  }

  // ---------------------------------------------------------------------------------------
  // sources

  private List<SourceExport> scanSources() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(tree)) {
      files = s.filter(p -> {
        String n = p.getFileName().toString();
        if (!n.endsWith(".c") && !n.endsWith(".S") && !n.endsWith(".h")) return false;
        Path rel = tree.relativize(p);
        return rel.getNameCount() > 1 && !NOT_KERNEL.contains(rel.getName(0).toString()) && Files.isRegularFile(p);
      }).sorted().toList();
    }
    // the tree's own export macros first, in file order: the first definition of a name counts
    for (Path f : files) {
      String raw = read(f);
      if (!raw.contains("EXPORT_SYMBOL")) continue;
      Matcher w = WRAPPER.matcher(raw);
      while (w.find()) wrappers.putIfAbsent(w.group(1), new String[] {w.group(3), w.group(4)});
    }
    wrappers.keySet().removeIf(n -> n.startsWith("EXPORT_"));
    wrapperCall = wrappers.isEmpty() ? null : Pattern.compile("\\b(" + String.join("|", wrappers.keySet())
        + ")\\s*\\(\\s*(\\w+)\\s*\\)");
    Collection<SourceExport> out = ConcurrentHashMap.newKeySet();
    try {
      files.parallelStream().forEach(f -> {
        try {
          scan(f, out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new ArrayList<>(out);
  }

  private static String read(Path f) throws IOException {
    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
  }

  /**
   * The object a header outside the include directories is compiled into: that of the first
   * {@code .c} of its directory that includes it ({@code kernel/rcu/tree_plugin.h} is part of
   * {@code tree.o}); empty when none does.
   */
  private Optional<String> includer(Path header) throws IOException {
    String name = header.getFileName().toString();
    Pattern inc = Pattern.compile("(?m)^\\s*#\\s*include\\s+\"" + Pattern.quote(name) + "\"");
    try (Stream<Path> s = Files.list(header.getParent())) {
      for (Path c : s.filter(p -> p.getFileName().toString().endsWith(".c")).sorted().toList()) {
        if (inc.matcher(read(c)).find()) {
          String rel = tree.relativize(c).toString();
          return Optional.of(rel.substring(0, rel.length() - 2) + ".o");
        }
      }
    }
    return Optional.empty();
  }

  private void scan(Path file, Collection<SourceExport> out) throws IOException {
    String raw = read(file);
    String fileName = file.getFileName().toString();
    boolean asm = fileName.endsWith(".S");
    boolean header = fileName.endsWith(".h");
    if (!asm && !raw.contains("EXPORT_") && (wrapperCall == null || !wrapperCall.matcher(raw).find())) return;
    String rel = tree.relativize(file).toString();
    if (header && (rel.startsWith("include/") || rel.contains("/include/"))) return;
    String object = rel.substring(0, rel.length() - 2) + ".o";
    if (header) {
      Optional<String> by = includer(file);
      if (by.isEmpty()) return;
      object = by.get();
    }
    Built b = objects.get(object);
    String arch = b != null && !b.architecture.isEmpty() ? b.architecture : archOfPath(rel);
    List<Set<String>> gates = b == null ? List.of() : minimal(b.gates);
    if (arch.isEmpty()) arch = archOfGates(gates);
    String module = b == null ? "" : b.module;
    String namespace = defaultNamespace(raw, rel);
    String code = code(raw);
    Set<String> exported = new HashSet<>();
    List<String[]> calls = new ArrayList<>();
    Matcher m = EXPORT.matcher(code);
    while (m.find()) calls.add(new String[] {m.group(1), m.group(2), m.group(4)});
    if (wrapperCall != null) {
      Matcher w = wrapperCall.matcher(code);
      while (w.find()) {
        String[] form = wrappers.get(w.group(1));
        calls.add(new String[] {form[0], w.group(2), form[1]});
      }
    }
    for (String[] call : calls) {
      String macro = call[0];
      String sym = call[1];
      String arg = call[2];
      if (!macro.startsWith("EXPORT_TRACEPOINT") && Character.isDigit(sym.charAt(0))) continue;
      boolean gpl = macro.endsWith("_GPL") || macro.equals("EXPORT_SYMBOL_GPL_FOR_MODULES")
          || macro.startsWith("EXPORT_TRACEPOINT_SYMBOL") || macro.equals("EXPORT_SYMBOL_IF_KUNIT");
      String ns = switch (macro) {
        case "EXPORT_SYMBOL_NS", "EXPORT_SYMBOL_NS_GPL" -> arg == null ? "" : arg;
        case "EXPORT_SYMBOL_GPL_FOR_MODULES" -> arg == null ? "" : "module:" + arg;
        case "EXPORT_SYMBOL_IF_KUNIT" -> "EXPORTED_FOR_KUNIT_TESTING";
        default -> namespace;
      };
      List<String> names = switch (macro) {
        case "EXPORT_TRACEPOINT_SYMBOL", "EXPORT_TRACEPOINT_SYMBOL_GPL" ->
            List.of("__tracepoint_" + sym, "__traceiter_" + sym, "__SCK__tp_func_" + sym, "__SCT__tp_func_" + sym);
        case "EXPORT_STATIC_CALL", "EXPORT_STATIC_CALL_GPL" -> List.of("__SCK__" + sym, "__SCT__" + sym);
        case "EXPORT_STATIC_CALL_TRAMP", "EXPORT_STATIC_CALL_TRAMP_GPL" -> List.of("__SCT__" + sym);
        default -> List.of(sym);
      };
      for (String n : names) {
        if (exported.add(n))
          out.add(new SourceExport(n, Kind.EXPORT, gpl, ns, rel, object, module, asm, arch, gates));
      }
    }
    if (!asm) return;
    Set<String> defined = new TreeSet<>();
    Matcher g = ASM_GLOBAL.matcher(code);
    while (g.find()) {
      for (int i = 1; i <= 3; i++) if (g.group(i) != null) defined.add(g.group(i));
      if (g.group(4) != null)
        for (String n : g.group(4).split("\\s*,\\s*")) if (n.matches("[A-Za-z_][\\w.$]*")) defined.add(n);
    }
    for (String d : defined) {
      if (!exported.contains(d))
        out.add(new SourceExport(d, Kind.ASSEMBLER_DEFINITION, false, "", rel, object, module, true, arch, gates));
    }
  }

  /** The ways of building that need no more than another: {A} and {A, B} are {A}. */
  private static List<Set<String>> minimal(Set<Set<String>> ways) {
    List<Set<String>> out = new ArrayList<>();
    for (Set<String> w : ways) {
      boolean subsumed = false;
      // the set holds no two equal ways: another way that w contains needs less
      for (Set<String> v : ways) if (!v.equals(w) && w.containsAll(v)) subsumed = true;
      if (!subsumed) out.add(w);
    }
    out.sort(java.util.Comparator.comparing(w -> String.join(",", new TreeSet<>(w))));
    return List.copyOf(out);
  }

  /** {@code #define DEFAULT_SYMBOL_NAMESPACE X} in the file, else {@code -D} of its Makefile. */
  private String defaultNamespace(String raw, String rel) {
    Matcher d = DEFAULT_NAMESPACE.matcher(raw);
    if (d.find()) return d.group(1);
    String object = rel.substring(rel.lastIndexOf('/') + 1, rel.length() - 2) + ".o";
    String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
    String own = namespaceFlags.get(join(dir, object));
    if (own != null) return own;
    String ns = namespaceFlags.get(dir + "/");
    return ns != null ? ns : "";
  }

  private static String archOfPath(String rel) {
    if (!rel.startsWith("arch/")) return "";
    int slash = rel.indexOf('/', 5);
    return slash < 0 ? "" : rel.substring(5, slash);
  }

  /** The architecture every way of building needs, if one does ({@code obj-$(CONFIG_X86) += x86/}). */
  private static String archOfGates(List<Set<String>> gates) {
    String arch = null;
    for (Set<String> g : gates) {
      String here = null;
      for (String s : g) if (ARCH_SYMBOLS.containsKey(s)) here = ARCH_SYMBOLS.get(s);
      if (here == null || (arch != null && !arch.equals(here))) return "";
      arch = here;
    }
    return arch == null ? "" : arch;
  }

  /**
   * The text without comments and preprocessor directives: an {@code EXPORT_SYMBOL(name)} in
   * a {@code #define} exports the macro's parameter, not a symbol of that name.
   */
  static String code(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int n = text.length();
    int i = 0;
    boolean lineStart = true;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        out.append(' ');
        continue;
      }
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        while (i < n && text.charAt(i) != '\n') i++;
        continue;
      }
      if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') j += text.charAt(j) == '\\' ? 2 : 1;
        out.append(text, i, Math.min(n, j + 1));
        i = j + 1;
        lineStart = false;
        continue;
      }
      if (lineStart && c == '#') {
        // a directive, with its continuation lines
        while (i < n && text.charAt(i) != '\n') {
          if (text.charAt(i) == '\\' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
          else if (text.charAt(i) == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
            int end = text.indexOf("*/", i + 2);
            i = end < 0 ? n - 1 : end + 1;
          }
          i++;
        }
        continue;
      }
      if (c == '\n') lineStart = true;
      else if (c != ' ' && c != '\t') lineStart = false;
      out.append(c);
      i++;
    }
    return out.toString();
  }
}
