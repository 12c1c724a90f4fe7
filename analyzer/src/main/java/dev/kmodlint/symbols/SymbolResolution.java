package dev.kmodlint.symbols;

import dev.kmodlint.kernel.HeaderIndex;
import dev.kmodlint.kernel.KernelConfig;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.kernel.KernelExports;
import dev.kmodlint.model.AssemblerName;
import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CompileFlags;
import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.CReference;
import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.DebugConditions;
import dev.kmodlint.model.EntryPoint;
import dev.kmodlint.model.ExportDecl;
import dev.kmodlint.model.ExternalUse;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.Project;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What modpost computes after a build, from sources: for each scanned module, the external
 * symbols it links against (directly, or through a kernel header macro or inline function
 * such as {@code kzalloc} or {@code module_platform_driver}) and who provides each one: another
 * scanned module, the kernel of the export database, or nobody.
 */
public final class SymbolResolution {
  /** An {@code EXPORT_SYMBOL*} in a scanned source; {@code module} is empty for built-in code. */
  public record ScannedExport(ExportDecl decl, Optional<Module> module) {
    public String owner() {
      return module.map(Module::name).orElse("vmlinux (" + decl.position().file().getFileName() + ")");
    }
  }

  /**
   * Who provides a symbol: {@code module} is {@code vmlinux} or a module name; {@code scanned}
   * is the export in the scan when it is one.
   */
  public record Provider(String symbol, String module, boolean gplOnly, String namespace,
      Optional<ScannedExport> scanned) {
    public boolean inKernel() {
      return scanned.isEmpty();
    }
  }

  /** How a module comes to need a symbol. */
  public enum How {
    /** the module's own sources declare it ({@code extern int f(int);}, a prototype in a local header) */
    DECLARED,
    /** a kernel header declares it extern and the source uses it */
    HEADER_EXTERN,
    /** a kernel header macro or inline function the source uses reaches it */
    HEADER_MACRO,
    /** the source uses a name the kernel (or another scanned module) exports */
    EXPORTED,
    /** the source calls a name declared nowhere: not in the file, its local headers or the kernel's */
    UNDECLARED_CALL,
    /** the assembler text of an asm() statement calls it or jumps to it */
    ASSEMBLER
  }

  /**
   * One symbol a module needs from outside, at its first use. {@code written} is the name in
   * the source ({@code kzalloc} for {@code __kmalloc}); {@code provider} is empty when nothing
   * provides it.
   */
  public record Need(String symbol, SourcePosition at, String written, How how, Optional<Provider> provider) {}

  private final KernelDatabase kernel;
  private final boolean headersKnown;
  private final List<ScannedExport> exports = new ArrayList<>();
  private final Map<String, List<ScannedExport>> exportsBySymbol = new HashMap<>();
  private final Map<Module, List<Need>> needs = new HashMap<>();
  private final Map<Module, List<ScannedExport>> exportsByModule = new HashMap<>();

  private SymbolResolution(Project project, KernelDatabase kernel) {
    this.kernel = kernel;
    this.headersKnown = kernel.headers().size() > 0;
    Map<java.nio.file.Path, Module> moduleOf = new HashMap<>();
    for (Module m : project.modules())
      for (SourceFile f : m.sources()) {
        moduleOf.putIfAbsent(f.path(), m);
        for (java.nio.file.Path inc : f.localIncludes()) moduleOf.putIfAbsent(inc, m);
      }
    Map<java.nio.file.Path, String> flagNamespaces = flagNamespaces(project);
    Set<SourcePosition> seen = new HashSet<>();
    for (SourceFile f : project.files()) {
      for (ExportDecl declared : f.code().exports()) {
        if (!declared.active() || !seen.add(declared.position())) continue;
        ExportDecl e = declared;
        String flagNs = flagNamespaces.get(e.position().file());
        if (e.namespace().isEmpty() && flagNs != null)
          e = e.inNamespace(flagNs);
        ScannedExport se = new ScannedExport(e, Optional.ofNullable(moduleOf.get(e.position().file())));
        exports.add(se);
        se.module().ifPresent(owner -> exportsByModule.computeIfAbsent(owner, k -> new ArrayList<>()).add(se));
        exportsBySymbol.computeIfAbsent(e.symbol(), k -> new ArrayList<>()).add(se);
      }
    }
    for (Module m : project.modules()) needs.put(m, computeNeeds(m));
  }

  /**
   * {@code ccflags-y += -DDEFAULT_SYMBOL_NAMESPACE=USB_STORAGE} (or {@code CFLAGS_x.o},
   * {@code EXTRA_CFLAGS}, {@code subdir-ccflags-y}): the namespace of the plain exports of each
   * source the build compiles with it, as the Makefiles' evaluation gives its flags. The 6.13
   * string form ({@code '"CXL"'}) has its quotes dropped.
   */
  private static Map<java.nio.file.Path, String> flagNamespaces(Project project) {
    Map<java.nio.file.Path, String> out = new HashMap<>();
    for (KbuildModel.Makefile mk : project.kbuild().makefiles()) {
      for (KbuildModel.Entry e : mk.entries()) e.source().ifPresent(src -> putNamespace(out, src, e.flags()));
      for (KbuildModel.Composite c : mk.composites())
        for (KbuildModel.Part p : c.parts()) p.source().ifPresent(src -> putNamespace(out, src, p.flags()));
    }
    return out;
  }

  private static void putNamespace(Map<java.nio.file.Path, String> out, java.nio.file.Path source, CompileFlags flags) {
    String v = flags.defines().get("DEFAULT_SYMBOL_NAMESPACE");
    if (v == null) return;
    String ns = v.replaceAll("[\\\\'\"]", "").strip();
    if (!ns.isEmpty()) out.putIfAbsent(source.toAbsolutePath().normalize(), ns);
  }

  public static SymbolResolution of(Project project, KernelDatabase kernel) {
    return new SymbolResolution(project, kernel);
  }

  /** False when no header index is available: uses through kernel header macros are unknown. */
  public boolean headersKnown() {
    return headersKnown;
  }

  public KernelDatabase kernel() {
    return kernel;
  }

  /**
   * True when the assumed kernel's build included the module: an {@code obj-m} module is built
   * against it; one gated by {@code obj-$(CONFIG_X)} only when X is y or m in that kernel's
   * configuration (unknown configuration: assumed included). For the others, that kernel's
   * exports do not tell what they link against (their providers may be off too).
   */
  public boolean builtByAssumedKernel(Module m) {
    if (m.gatingConfigs().isEmpty()) return true;
    return kernel.config().map(c -> m.gatingConfigs().stream().anyMatch(c::enabled)).orElse(true);
  }

  /**
   * True when the assumed kernel's build links the module into vmlinux: gated by
   * {@code obj-$(CONFIG_X)} with X {@code y} (and no gate {@code m}) in its configuration, as
   * net/ipv6 is in Debian's kernel. Built in, it links against all of vmlinux, not only its
   * exports; as a loadable module it belongs to another configuration, whose exports differ
   * ({@code #if IS_MODULE(CONFIG_X)} exports, code of the symbols that need X=y).
   */
  public boolean builtInByAssumedKernel(Module m) {
    if (m.gatingConfigs().isEmpty() || kernel.config().isEmpty()) return false;
    KernelConfig c = kernel.config().get();
    boolean builtIn = false;
    for (String g : m.gatingConfigs()) {
      Optional<String> v = c.value(g);
      if (v.isPresent() && v.get().equals("m")) return false;
      if (v.isPresent() && v.get().equals("y")) builtIn = true;
    }
    return builtIn;
  }

  /** Every active export written in the scan, in file order. */
  public List<ScannedExport> scannedExports() {
    return List.copyOf(exports);
  }

  public List<ScannedExport> scannedExports(String symbol) {
    return exportsBySymbol.getOrDefault(symbol, List.of());
  }

  /** The exports written in the module's sources. */
  public List<ScannedExport> exportsOf(Module m) {
    return exportsByModule.getOrDefault(m, List.of());
  }

  /** The symbols the module needs from outside, in source order, each once. */
  public List<Need> needs(Module m) {
    return needs.getOrDefault(m, List.of());
  }

  /** Scanned modules whose exports {@code m} uses, in order of first use. */
  public List<Module> dependencies(Module m) {
    return dependencies.computeIfAbsent(m, k -> {
      List<Module> out = new ArrayList<>();
      Set<Module> seen = new HashSet<>();
      for (Need n : needs(k)) {
        Module d = n.provider().flatMap(Provider::scanned).flatMap(ScannedExport::module).orElse(null);
        if (d != null && d != k && seen.add(d)) out.add(d);
      }
      return List.copyOf(out);
    });
  }

  private final Map<Module, List<Module>> dependencies = new HashMap<>();

  /** Modules of the kernel database (not vmlinux, not in the scan) whose exports {@code m} uses. */
  public List<String> kernelDependencies(Module m) {
    Set<String> out = new java.util.TreeSet<>();
    for (Need n : needs(m))
      n.provider().filter(Provider::inKernel).map(Provider::module).filter(x -> !x.equals("vmlinux"))
          .map(x -> x.substring(x.lastIndexOf('/') + 1)).ifPresent(out::add);
    return List.copyOf(out);
  }

  /** {@code argumentOf}: see {@link ExternalUse#argumentOf()}. */

  private record Use(String name, SourcePosition at, boolean call, Source source, String argumentOf) {}

  private enum Source { DECLARED, EXTERNAL, HELPER, ASSEMBLER }

  private List<Need> computeNeeds(Module m) {
    Code code = m.code();
    Set<String> defined = new HashSet<>();
    Set<String> declaredExternal = new HashSet<>();
    for (CFunction f : code.functions()) {
      if (f.definition()) defined.add(f.name());
      else if (!f.isStatic()) declaredExternal.add(f.name());
    }
    for (CVariable v : code.variables()) {
      if (v.definition()) defined.add(v.name());
      else if (!v.isStatic()) declaredExternal.add(v.name());
    }
    defined.addAll(code.macroDefinedNames());
    for (AssemblerName a : code.assemblerNames()) if (a.kind() == AssemblerName.Kind.GLOBAL) defined.add(a.name());
    // modpost's generated NAME.mod.c defines it for every module (THIS_MODULE is &__this_module)
    defined.add("__this_module");
    declaredExternal.removeAll(defined);
    Map<java.nio.file.Path, Set<String>> localLabels = localLabels(m);
    // a header's static inline function the module never uses is not compiled in, nor what it
    // references; used means reached from the module's own code, through other inlines too
    Set<String> headerInlines = new HashSet<>();
    for (CFunction f : code.functions())
      if (f.isStatic() && f.isInline() && f.definition() && f.position().file().toString().endsWith(".h"))
        headerInlines.add(f.name());
    Map<String, List<String>> inlineCalls = new HashMap<>();
    java.util.ArrayDeque<String> reached = new java.util.ArrayDeque<>();
    Set<String> usedInlines = new HashSet<>();
    for (CReference r : code.references()) {
      if (!headerInlines.contains(r.to())) continue;
      if (headerInlines.contains(r.from())) inlineCalls.computeIfAbsent(r.from(), k -> new ArrayList<>()).add(r.to());
      else if (usedInlines.add(r.to())) reached.add(r.to());
    }
    while (!reached.isEmpty())
      for (String to : inlineCalls.getOrDefault(reached.poll(), List.of())) if (usedInlines.add(to)) reached.add(to);
    Set<String> unusedHeaderInlines = new HashSet<>(headerInlines);
    unusedHeaderInlines.removeAll(usedInlines);
    List<Use> uses = new ArrayList<>();
    for (CReference r : code.references())
      if (r.active() && declaredExternal.contains(r.to()) && !unusedHeaderInlines.contains(r.from()))
        uses.add(new Use(r.to(), r.position(), r.kind() == CReference.Kind.CALL, Source.DECLARED, ""));
    for (ExternalUse u : code.externalUses())
      if (u.active() && !unusedHeaderInlines.contains(u.headerInline()))
        uses.add(new Use(u.name(), u.position(), u.call(), Source.EXTERNAL, u.argumentOf()));
    for (EntryPoint e : m.entryPoints())
      if (e.active() && e.isHelper())
        uses.add(new Use(e.helper(), e.position(), true, Source.HELPER, ""));
    for (AssemblerName a : code.assemblerNames())
      if (a.kind() == AssemblerName.Kind.REFERENCE && !unusedHeaderInlines.contains(a.headerInline()))
        uses.add(new Use(a.name(), a.position(), true, Source.ASSEMBLER, ""));
    uses.sort(Comparator.comparing(Use::at));

    Map<String, Need> out = new LinkedHashMap<>();
    HeaderIndex headers = kernel.headers();
    KernelExports kexports = kernel.exports();
    for (Use u : uses) {
      if (defined.contains(u.name()) || localLabels.getOrDefault(u.at().file(), Set.of()).contains(u.name())) continue;
      if (u.source() == Source.ASSEMBLER) {
        // the linker's business: a definition in the module or an export, whatever the headers say
        add(out, m, u.name(), u, How.ASSEMBLER, defined);
        continue;
      }
      Optional<HeaderIndex.Entry> entry = headers.lookup(u.name());
      boolean macroLike = entry.isPresent() && entry.get().kind() != HeaderIndex.Kind.EXTERN_FUNCTION
          && entry.get().kind() != HeaderIndex.Kind.EXTERN_VARIABLE;
      // the module's own prototype of a name the kernel headers define (ktime_t ktime_get_real(void);
      // after timekeeping.h's static inline) declares the header's function again, with its internal
      // linkage, or is expanded as the header's macro: what it links against is what the header's reaches
      if (u.source() == Source.DECLARED && !macroLike) {
        add(out, m, u.name(), u, How.DECLARED, defined);
        continue;
      }
      if (!exportsBySymbol.getOrDefault(u.name(), List.of()).isEmpty() && u.source() != Source.HELPER) {
        add(out, m, u.name(), u, How.EXPORTED, defined);
      } else if (macroLike) {
        for (String s : new java.util.TreeSet<>(entry.get().reaches())) add(out, m, s, u, How.HEADER_MACRO, defined);
      } else if (kexports.exports(u.name())) {
        add(out, m, u.name(), u, How.EXPORTED, defined);
      } else if (droppable(u)) {
        continue; // a kernel macro may discard it (lockdep_is_held() in rcu_dereference_protected())
      } else if (entry.isPresent()) {
        add(out, m, u.name(), u, How.HEADER_EXTERN, defined);
      } else if (u.call() && headersKnown && u.source() == Source.EXTERNAL && code.unresolvedLocalIncludes().isEmpty()
          && m.gatingConfigs().isEmpty() && !TRACEPOINT.matcher(u.name()).matches()) {
        // only where every header is known: an in-tree module (obj-$(CONFIG_X)) may be for another
        // architecture than the index's, or get declarations through its Makefile's -I paths
        add(out, m, u.name(), u, How.UNDECLARED_CALL, defined);
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * The labels the assembler text of each object defines without making them global, by the
   * files whose uses they resolve: the object's source and the local headers it includes (a
   * use in a header another object includes too is taken as resolved, which may hide that
   * object's undefined reference but never invents one).
   */
  private static Map<java.nio.file.Path, Set<String>> localLabels(Module m) {
    Map<java.nio.file.Path, Set<String>> out = new HashMap<>();
    for (SourceFile f : m.sources()) {
      Set<String> own = new HashSet<>();
      for (AssemblerName a : f.code().assemblerNames()) if (a.kind() == AssemblerName.Kind.LOCAL) own.add(a.name());
      if (own.isEmpty()) continue;
      out.computeIfAbsent(f.path(), k -> new HashSet<>()).addAll(own);
      for (java.nio.file.Path inc : f.localIncludes()) out.computeIfAbsent(inc, k -> new HashSet<>()).addAll(own);
    }
    return out;
  }

  /** trace_foo() and friends: generated by TRACE_EVENT/DEFINE_EVENT in the module's trace header. */
  private static final java.util.regex.Pattern TRACEPOINT = java.util.regex.Pattern.compile(
      "trace_\\w+|register_trace_\\w+|unregister_trace_\\w+");

  /** A use inside the condition of a debug-only kernel macro, which the compiler drops. */
  private static boolean droppable(Use u) {
    return DebugConditions.drops(u.argumentOf());
  }

  private void add(Map<String, Need> out, Module m, String symbol, Use u, How how, Set<String> defined) {
    if (out.containsKey(symbol) || defined.contains(symbol)) return;
    out.put(symbol, new Need(symbol, u.at(), u.name(), how, provider(symbol, m)));
  }

  /** Another scanned module's export first (the user's code is the truth), then the kernel's. */
  private Optional<Provider> provider(String symbol, Module user) {
    for (ScannedExport e : exportsBySymbol.getOrDefault(symbol, List.of())) {
      if (e.module().orElse(null) == user) continue;
      return Optional.of(new Provider(symbol, e.owner(), e.decl().gplOnly(), e.decl().namespace().orElse(""),
          Optional.of(e)));
    }
    return kernel.exports().lookup(symbol)
        .map(x -> new Provider(symbol, x.module(), x.gplOnly(), x.namespace(), Optional.empty()));
  }

  /** Modules grouped into their dependency cycles (Tarjan's strongly connected components of size > 1). */
  public List<List<Module>> cycles(List<Module> modules) {
    Map<Module, Integer> index = new HashMap<>();
    Map<Module, Integer> low = new HashMap<>();
    java.util.Deque<Module> stack = new java.util.ArrayDeque<>();
    Set<Module> onStack = new HashSet<>();
    List<List<Module>> out = new ArrayList<>();
    int[] counter = {0};
    for (Module m : modules) if (!index.containsKey(m)) strongConnect(m, index, low, stack, onStack, out, counter);
    return out;
  }

  private void strongConnect(Module v, Map<Module, Integer> index, Map<Module, Integer> low,
      java.util.Deque<Module> stack, Set<Module> onStack, List<List<Module>> out, int[] counter) {
    // iterative would be safer on huge graphs; module graphs are shallow
    index.put(v, counter[0]);
    low.put(v, counter[0]++);
    stack.push(v);
    onStack.add(v);
    for (Module w : dependencies(v)) {
      if (!index.containsKey(w)) {
        strongConnect(w, index, low, stack, onStack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<Module> scc = new ArrayList<>();
      Module w;
      do {
        w = stack.pop();
        onStack.remove(w);
        scc.add(w);
      } while (w != v);
      if (scc.size() > 1) {
        scc.sort(Comparator.comparing(Module::anchor));
        out.add(List.copyOf(scc));
      }
    }
  }

  /** Symbols by namespace that the module's needs come from. */
  public Map<String, List<Need>> namespacesUsed(Module m) {
    Map<String, List<Need>> out = new TreeMap<>();
    for (Need n : needs(m))
      n.provider().filter(p -> !p.namespace().isEmpty())
          .ifPresent(p -> out.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(n));
    return out;
  }
}
