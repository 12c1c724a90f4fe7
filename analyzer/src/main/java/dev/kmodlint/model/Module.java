package dev.kmodlint.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A loadable module as Kbuild composes it: {@code obj-m += foo.o} with {@code foo-y := a.o b.o}
 * is module {@code foo} with objects {@code a.o} and {@code b.o}. {@code declaredAt} is the
 * Makefile line that makes it a module (absent for a C file taken as a module on its own).
 * {@code gatingConfigs} are the CONFIG symbols of {@code obj-$(CONFIG_X)}. {@code code} is
 * what all its objects declare, merged once when the module is made ({@link #of}): every rule
 * asks for it, and merging the facts of hundreds of objects once per rule dominated the run
 * time of whole trees.
 *
 * <p>A module is an entity, equal only to itself: two modules with the same facts are still
 * two modules (and hashing one would walk all its facts).
 */
public final class Module {
  public enum Origin { KBUILD, STANDALONE }

  private final String name;
  private final Path directory;
  private final Origin origin;
  private final List<ModuleObject> objects;
  private final Optional<SourcePosition> declaredAt;
  private final Set<String> gatingConfigs;
  private final Code code;
  private final List<ModuleObject> leftOut;

  public Module(String name, Path directory, Origin origin, List<ModuleObject> objects,
      Optional<SourcePosition> declaredAt, Set<String> gatingConfigs, Code code) {
    this(name, directory, origin, objects, declaredAt, gatingConfigs, code, List.of());
  }

  /**
   * {@code leftOut}: the parts the kernel's configuration leaves out of it ({@code foo-$(CONFIG_BAR)
   * += bar.o} with BAR not set), which are no objects of this build.
   */
  public Module(String name, Path directory, Origin origin, List<ModuleObject> objects,
      Optional<SourcePosition> declaredAt, Set<String> gatingConfigs, Code code, List<ModuleObject> leftOut) {
    this.leftOut = List.copyOf(leftOut);
    this.name = name;
    this.directory = directory;
    this.origin = origin;
    this.objects = List.copyOf(objects);
    this.declaredAt = declaredAt;
    // sorted: messages list them, and a set's order must not differ between runs
    this.gatingConfigs = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(gatingConfigs));
    this.code = code;
  }

  /** The module of these objects, its code the union of theirs. */
  public static Module of(String name, Path directory, Origin origin, List<ModuleObject> objects,
      Optional<SourcePosition> declaredAt, Set<String> gatingConfigs) {
    return new Module(name, directory, origin, objects, declaredAt, gatingConfigs, union(objects));
  }

  /** The same, with the parts the configuration leaves out. */
  public static Module of(String name, Path directory, Origin origin, List<ModuleObject> objects,
      Optional<SourcePosition> declaredAt, Set<String> gatingConfigs, List<ModuleObject> leftOut) {
    return new Module(name, directory, origin, objects, declaredAt, gatingConfigs, union(objects), leftOut);
  }

  /** The parts the kernel's configuration leaves out (see the constructor): not linked. */
  public List<ModuleObject> leftOut() {
    return leftOut;
  }

  public String name() {
    return name;
  }

  public Path directory() {
    return directory;
  }

  public Origin origin() {
    return origin;
  }

  public List<ModuleObject> objects() {
    return objects;
  }

  public Optional<SourcePosition> declaredAt() {
    return declaredAt;
  }

  /** The {@code CONFIG_} symbols of its {@code obj-$(CONFIG_X)} line, with the prefix. */
  public Set<String> gatingConfigs() {
    return gatingConfigs;
  }

  public Code code() {
    return code;
  }

  @Override
  public String toString() {
    return "Module[" + name + " in " + directory + "]";
  }

  /** The C sources of the module's objects, in Makefile order. */
  public List<SourceFile> sources() {
    List<SourceFile> out = new ArrayList<>();
    for (ModuleObject o : objects) o.source().ifPresent(out::add);
    return out;
  }

  /**
   * Objects whose content the analyzer does not know: no source in the tree (generated, or
   * a Makefile trick it could not follow) or a C file the front-end gave up on. A rule about
   * "no X in any object" cannot conclude while this is not empty. A conditional object without a
   * source is not one: no build that gets past make has it.
   */
  public List<ModuleObject> unknownObjects() {
    List<ModuleObject> out = new ArrayList<>();
    for (ModuleObject o : objects) {
      // a conditional object without a source: a build that lists it stops at make, one that
      // does not has nothing of it; either way its content decides nothing
      if (o.source().isEmpty()) {
        if (!o.conditional()) out.add(o);
      }
      else if (!o.source().get().parsed() && o.source().get().kind() != SourceFile.Kind.ASSEMBLY) out.add(o);
    }
    return out;
  }

  /**
   * The files (sources, and the local headers they include) that only conditional objects
   * ({@link ModuleObject#conditional()}) bring into the module: what they declare is in some
   * builds of the module only.
   */
  public Set<Path> conditionalFiles() {
    Set<Path> always = new java.util.HashSet<>();
    Set<Path> sometimes = new java.util.HashSet<>();
    for (ModuleObject o : objects) {
      if (o.source().isEmpty()) continue;
      Set<Path> into = o.conditional() ? sometimes : always;
      into.add(o.source().get().path());
      into.addAll(o.source().get().localIncludes());
    }
    sometimes.removeAll(always);
    return sometimes;
  }

  /** Every {@code .modinfo} entry with this tag over all objects, in object order. */
  public List<ModInfo> modInfo(String tag) {
    List<ModInfo> out = new ArrayList<>();
    for (SourceFile f : sources()) out.addAll(f.modInfo(tag));
    return out;
  }

  /** What all objects of the module declare, each fact once (a local header is read by several). */
  private static Code union(List<ModuleObject> objects) {
    List<SourceFile> sources = new ArrayList<>();
    for (ModuleObject o : objects) o.source().ifPresent(sources::add);
    if (sources.size() == 1) return sources.get(0).code(); // the front-end lists each fact once
    return new Code(merge(sources, Code::functions, CFunction::position),
        merge(sources, Code::variables, CVariable::position),
        merge(sources, Code::references, CReference::position),
        merge(sources, Code::params, ModuleParam::position),
        merge(sources, Code::paramDescriptions, ModInfo::position),
        merge(sources, Code::exports, ExportDecl::position),
        merge(sources, Code::externalUses, ExternalUse::position),
        union(sources, Code::unresolvedLocalIncludes),
        union(sources, Code::macroDefinedNames),
        merge(sources, Code::externalCalls, ExternalCall::position),
        merge(sources, Code::versionConditionals, VersionConditional::position),
        merge(sources, Code::namespaceDefinitions, NamespaceDefinition::valueAt),
        merge(sources, Code::assemblerNames, AssemblerName::position));
  }

  private static List<String> union(List<SourceFile> sources, java.util.function.Function<Code, List<String>> kind) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    for (SourceFile f : sources) out.addAll(kind.apply(f.code()));
    return List.copyOf(out);
  }

  /**
   * One kind of fact of all sources, each once, in source order. The facts a header gives
   * repeat in every object that includes it (amdgpu: hundreds of objects, thousands of header
   * declarations each): when an object's facts from one file equal, as a list, those an
   * earlier object gave from that file, they are all in already and are not hashed one by one.
   * Other facts go through the set as before, so the result is the same either way.
   */
  private static <T> List<T> merge(List<SourceFile> sources, java.util.function.Function<Code, List<T>> kind,
      java.util.function.Function<T, SourcePosition> at) {
    java.util.LinkedHashSet<T> out = new java.util.LinkedHashSet<>();
    java.util.Map<Path, List<List<T>>> givenByFile = new java.util.HashMap<>();
    for (SourceFile f : sources) {
      List<T> facts = kind.apply(f.code());
      java.util.Map<Path, List<T>> byFile = new java.util.LinkedHashMap<>();
      for (T t : facts) byFile.computeIfAbsent(at.apply(t).file(), k -> new ArrayList<>()).add(t);
      java.util.Set<Path> known = new java.util.HashSet<>();
      for (java.util.Map.Entry<Path, List<T>> e : byFile.entrySet()) {
        List<List<T>> given = givenByFile.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
        if (given.contains(e.getValue())) known.add(e.getKey());
        else given.add(e.getValue());
      }
      for (T t : facts) if (!known.contains(at.apply(t).file())) out.add(t);
    }
    return List.copyOf(out);
  }

  public List<ModInfo> licenses() {
    return modInfo("license");
  }

  public List<EntryPoint> entryPoints() {
    List<EntryPoint> out = new ArrayList<>();
    for (SourceFile f : sources()) out.addAll(f.entryPoints());
    return out;
  }

  /**
   * Where a finding about the module as a whole goes: its {@code module_init} line, else its
   * first {@code MODULE_*} line, else line 1 of its first source, else the Makefile line.
   */
  public SourcePosition anchor() {
    for (EntryPoint e : entryPoints()) if (e.active()) return e.position();
    for (SourceFile f : sources())
      for (ModInfo m : f.modInfo()) return m.position();
    for (SourceFile f : sources()) return SourcePosition.startOf(f.path());
    return declaredAt.orElse(SourcePosition.startOf(directory));
  }
}
