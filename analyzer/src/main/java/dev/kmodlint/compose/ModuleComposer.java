package dev.kmodlint.compose;

import dev.kmodlint.kbuild.KbuildDirectory;
import dev.kmodlint.kbuild.KbuildModule;
import dev.kmodlint.kbuild.KbuildObject;
import dev.kmodlint.kconfig.KconfigTypes;
import dev.kmodlint.model.BuildMode;
import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.ExportDecl;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleObject;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.Section;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.scan.SourceTree;
import dev.kmodlint.text.AssemblerSymbols;
import dev.kmodlint.text.BoundedReader;
import dev.kmodlint.text.SourceText;
import dev.kmodlint.text.Spdx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Modules as Kbuild composes them: {@code obj-m += foo.o} with {@code foo-y := a.o b.o} is
 * module foo made of the facts of a.c and b.c. An {@code obj-$(CONFIG_X)} object is a module
 * when X can be {@code m} (tristate), never when it is bool; an {@code obj-y} object never is.
 * C files that no Makefile builds but that carry {@code module_init} or {@code MODULE_LICENSE}
 * are modules of their own.
 */
final class ModuleComposer {
  private final SourceTree tree;
  private final Map<Path, SourceFile> files;
  private final KconfigTypes kconfig;
  private final List<Notification> notes;
  private final Map<Path, SourceFile> assemblers = new java.util.HashMap<>();
  /** The C files whose modules are composed; empty: every module. */
  private final Optional<Set<Path>> scope;
  private final Optional<OwnKconfigGates> ownGates;

  ModuleComposer(SourceTree tree, Map<Path, SourceFile> files, KconfigTypes kconfig, List<Notification> notes) {
    this(tree, files, kconfig, notes, Optional.empty());
  }

  ModuleComposer(SourceTree tree, Map<Path, SourceFile> files, KconfigTypes kconfig, List<Notification> notes,
      Optional<Set<Path>> scope) {
    this(tree, files, kconfig, notes, scope, Optional.empty());
  }

  /**
   * The same; out of the kernel tree, with the target kernel's .config known, {@code ownGates}
   * tells which of the package's own {@code CONFIG_} gates that kernel can never set.
   */
  ModuleComposer(SourceTree tree, Map<Path, SourceFile> files, KconfigTypes kconfig, List<Notification> notes,
      Optional<Set<Path>> scope, Optional<OwnKconfigGates> ownGates) {
    this.ownGates = ownGates;
    this.tree = tree;
    this.files = files;
    this.kconfig = kconfig;
    this.notes = notes;
    this.scope = scope;
  }

  /** True when {@code km} is composed: always, or when it builds a C file of the scope. */
  private boolean inScope(KbuildModule km) {
    if (scope.isEmpty()) return true;
    for (KbuildObject o : km.objects())
      if (o.source().isPresent() && scope.get().contains(o.source().get().toAbsolutePath().normalize())) return true;
    return false;
  }

  /** The modules of the directories read, then the stand-alone ones, in the order of their anchors. */
  List<Module> modules(List<KbuildDirectory> kbuildDirs) {
    List<Module> modules = new ArrayList<>();
    Set<Path> claimed = new HashSet<>();
    int unknownGates = 0;
    for (KbuildDirectory kd : kbuildDirs) {
      Path dir = kd.directory();
      // a Makefile whose lists kmodlint cannot evaluate may build any C file beside it
      if (kd.opaque()) claimed.addAll(tree.cFilesByDir().getOrDefault(dir, List.of()));
      claimed.addAll(kd.sources());
      for (KbuildModule km : kd.modules()) {
        for (KbuildObject o : km.objects()) o.source().ifPresent(s -> claimed.add(s.toAbsolutePath().normalize()));
        if (km.buildMode() == BuildMode.BUILTIN || !inScope(km)) continue;
        if (km.buildMode() == BuildMode.CONFIGURABLE) {
          Optional<String> never = neverSet(km);
          if (never.isPresent()) {
            notes.add(Notification.at("module-not-built", Level.NOTE, "module " + km.name() + " is built only when "
                + String.join(" or ", km.gatingConfigs()) + " is set, and the tree's own Kconfig rules that out for"
                + " this kernel: " + never.get() + "; kbuild does not build it, and it is not analyzed as a module",
                km.declaredAt()));
            continue;
          }
          Optional<Boolean> canBeModule = canBeModule(km);
          if (canBeModule.isEmpty()) unknownGates++;
          else if (!canBeModule.get()) continue;
        }
        modules.add(module(km, dir));
      }
    }
    if (unknownGates > 0) {
      notes.add(Notification.of("config-type-unknown", Level.NOTE, unknownGates
          + " obj-$(CONFIG_...) objects are gated by symbols defined neither in a scanned Kconfig nor in "
          + kconfig.release() + "; they are analyzed as loadable modules"));
    }
    // a directory whose Makefile builds modules builds what it lists and nothing else: a C file
    // it does not list is a generator input, an example or a leftover, not a module of its own
    Set<Path> buildingDirs = new HashSet<>();
    for (KbuildDirectory kd : kbuildDirs) if (kd.buildsModules()) buildingDirs.add(kd.directory());
    modules.addAll(standaloneModules(claimed, buildingDirs));
    modules.sort((a, b) -> a.anchor().compareTo(b.anchor()));
    return modules;
  }

  /** Why no configuration of the target kernel sets any gate of {@code km}; empty when one can. */
  private Optional<String> neverSet(KbuildModule km) {
    if (ownGates.isEmpty() || km.gatingConfigs().isEmpty()) return Optional.empty();
    List<String> why = new ArrayList<>();
    for (String gate : km.gatingConfigs()) {
      Optional<String> off = ownGates.get().unreachable(gate);
      if (off.isEmpty()) return Optional.empty();
      why.add(off.get());
    }
    return Optional.of(String.join("; ", why));
  }

  /** True for tristate, false for bool only, empty when no scanned Kconfig tells. */
  private Optional<Boolean> canBeModule(KbuildModule km) {
    boolean unknown = false;
    for (String sym : km.gatingConfigs()) {
      Optional<KconfigTypes.Type> t = kconfig.typeOf(sym);
      if (t.isEmpty()) unknown = true;
      else if (t.get() == KconfigTypes.Type.TRISTATE) return Optional.of(true);
    }
    if (km.gatingConfigs().isEmpty()) return Optional.of(true);
    return unknown ? Optional.empty() : Optional.of(false);
  }

  private Module module(KbuildModule km, Path dir) {
    List<ModuleObject> objects = new ArrayList<>();
    for (KbuildObject o : km.objects()) objects.add(object(o));
    List<ModuleObject> leftOut = new ArrayList<>();
    for (KbuildObject o : km.unbuiltObjects()) leftOut.add(object(o));
    // obj-m += src/foo.o (or ./src/foo.o) builds src/foo.ko: module foo, in src/, where dkms and
    // modinfo find it
    String name = km.name();
    Path where = dir;
    int slash = name.lastIndexOf('/');
    if (slash >= 0 && slash < name.length() - 1) {
      where = dir.resolve(name.substring(0, slash)).normalize();
      name = name.substring(slash + 1);
    }
    return Module.of(name, where, Module.Origin.KBUILD, objects, Optional.of(km.declaredAt()),
        km.gatingConfigs(), leftOut);
  }

  private ModuleObject object(KbuildObject o) {
    Optional<SourceFile> src = o.source().map(s -> s.toAbsolutePath().normalize()).map(s -> {
      SourceFile f = files.get(s);
      if (f != null) return f;
      if (s.toString().endsWith(".S")) return assembler(s);
      return SourceFile.unparsed(s, SourceFile.Kind.C, Optional.empty());
    });
    return new ModuleObject(o.name(), src, Optional.of(o.listedAt()), o.conditions());
  }

  /**
   * An assembler object's source, read once: the globals it defines (functions, as the linker
   * sees them) and what it exports, so that a C file's {@code asmlinkage} prototype of one is
   * resolved and its exports count. Unreadable, it is an object of unknown content.
   */
  private SourceFile assembler(Path s) {
    return assemblers.computeIfAbsent(s, p -> {
      SourceText text;
      try {
        text = SourceText.read(p);
      } catch (java.io.IOException e) {
        notes.add(Notification.at("read-failure", Level.WARNING, "cannot read " + p + ": " + BoundedReader.reason(e),
            SourcePosition.startOf(p)));
        return SourceFile.unparsed(p, SourceFile.Kind.ASSEMBLY, Optional.empty());
      }
      if (text.binary()) return SourceFile.unparsed(p, SourceFile.Kind.ASSEMBLY, Optional.empty());
      AssemblerSymbols.Facts facts = AssemblerSymbols.scan(java.nio.CharBuffer.wrap(text.chars()));
      List<CFunction> functions = new ArrayList<>();
      for (AssemblerSymbols.Symbol g : facts.globals()) {
        SourcePosition at = new SourcePosition(p, g.line(), g.column(), g.line(), g.column() + g.name().length());
        functions.add(new CFunction(g.name(), false, false, false, true, Section.TEXT, at, Optional.empty(), "",
            List.of(), true, false));
      }
      List<ExportDecl> exports = new ArrayList<>();
      for (AssemblerSymbols.Export e : facts.exports()) {
        SourcePosition at = new SourcePosition(p, e.line(), e.column(), e.line(), e.column() + e.symbol().length());
        exports.add(new ExportDecl(e.symbol(), e.gplOnly(), Optional.ofNullable(e.namespace()), at, true, true));
      }
      Code code = new Code(functions, List.of(), List.of(), List.of(), List.of(), exports, List.of(), List.of(), List.of());
      return new SourceFile(p, SourceFile.Kind.ASSEMBLY, true, Spdx.find(text), List.of(), List.of(), List.of(), code);
    });
  }

  /**
   * C files that no Makefile builds and no other C file includes, but that carry
   * {@code module_init} or {@code MODULE_LICENSE}: each is taken as a module of its own,
   * which is how a bare directory of sources is usually meant.
   */
  /**
   * The directory above {@code dir} that builds modules, when {@code dir} has no Makefile or
   * Kbuild of its own: kbuild builds what that Makefile lists, and a C file below it that it does not list
   * is not built at all (CoreFreq's per-architecture copies, which its Makefile links into place
   * for the one machine it builds on; an examples/ directory); kbuild/unbuilt-source says so.
   */
  private Optional<Path> buildingDirAbove(Path dir, Set<Path> buildingDirs) {
    if (tree.kbuildDirs().contains(dir)) return Optional.empty();
    for (Path d = dir.getParent(); d != null; d = d.getParent()) if (buildingDirs.contains(d)) return Optional.of(d);
    return Optional.empty();
  }

  private List<Module> standaloneModules(Set<Path> claimed, Set<Path> buildingDirs) {
    Set<Path> included = new HashSet<>();
    for (SourceFile f : files.values()) included.addAll(f.localIncludes());
    Map<Path, List<Module>> byDir = new LinkedHashMap<>();
    Map<Path, List<Path>> unbuilt = new java.util.TreeMap<>();
    for (Path c : tree.cFiles()) {
      SourceFile f = files.get(c);
      if (f == null || claimed.contains(c) || included.contains(c) || !f.declaresModule()
          || buildingDirs.contains(c.getParent())) continue;
      Optional<Path> above = buildingDirAbove(c.getParent(), buildingDirs);
      if (above.isPresent()) {
        unbuilt.computeIfAbsent(above.get(), d -> new ArrayList<>()).add(c);
        continue;
      }
      String name = c.getFileName().toString().replaceFirst("\\.c$", "");
      Module m = Module.of(name, c.getParent(), Module.Origin.STANDALONE,
          List.of(new ModuleObject(name + ".o", Optional.of(f), Optional.empty())),
          Optional.empty(), Set.of());
      byDir.computeIfAbsent(c.getParent(), d -> new ArrayList<>()).add(m);
    }
    for (Map.Entry<Path, List<Path>> e : unbuilt.entrySet()) {
      List<Path> cs = e.getValue();
      notes.add(Notification.at("module-not-built", Level.NOTE, cs.size() + " C file(s) with module_init or"
          + " MODULE_LICENSE below " + e.getKey() + " are in no list of its Makefile, and their directories have"
          + " none of their own: kbuild does not build them, and they are not analyzed as modules ("
          + String.join(", ", cs.stream().limit(5).map(c -> e.getKey().relativize(c).toString()).toList())
          + (cs.size() > 5 ? ", ..." : "") + ")", SourcePosition.startOf(cs.get(0))));
    }
    List<Module> out = new ArrayList<>();
    for (Map.Entry<Path, List<Module>> e : byDir.entrySet()) {
      out.addAll(e.getValue());
      boolean hasMakefile = tree.kbuildDirs().contains(e.getKey());
      notes.add(Notification.at("module-without-kbuild", Level.NOTE,
          (hasMakefile ? "the Kbuild/Makefile of " + e.getKey() + " builds no object from "
              : "no Kbuild or Makefile in " + e.getKey() + " builds ")
              + e.getValue().size() + " C file(s) with module_init or MODULE_LICENSE;"
              + " each is analyzed as a module of its own: "
              + String.join(", ", e.getValue().stream().map(Module::name).toList()),
          e.getValue().get(0).anchor()));
    }
    return out;
  }
}
