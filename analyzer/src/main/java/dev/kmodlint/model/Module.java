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
 * derived from the objects when the module is made (whatever is passed is replaced): every
 * rule asks for it, and merging the facts of hundreds of objects once per rule dominated
 * the run time of whole trees.
 */
public record Module(
    String name,
    Path directory,
    Origin origin,
    List<ModuleObject> objects,
    Optional<SourcePosition> declaredAt,
    Set<String> gatingConfigs,
    Code code) {

  public enum Origin { KBUILD, STANDALONE }

  public Module {
    objects = List.copyOf(objects);
    gatingConfigs = Set.copyOf(gatingConfigs);
    code = union(objects);
  }

  public Module(String name, Path directory, Origin origin, List<ModuleObject> objects,
      Optional<SourcePosition> declaredAt, Set<String> gatingConfigs) {
    this(name, directory, origin, objects, declaredAt, gatingConfigs, Code.EMPTY);
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
   * "no X in any object" cannot conclude while this is not empty.
   */
  public List<ModuleObject> unknownObjects() {
    List<ModuleObject> out = new ArrayList<>();
    for (ModuleObject o : objects) {
      if (o.source().isEmpty()) out.add(o);
      else if (!o.source().get().parsed() && o.source().get().kind() != SourceFile.Kind.ASSEMBLY) out.add(o);
    }
    return out;
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
    java.util.LinkedHashSet<CFunction> functions = new java.util.LinkedHashSet<>();
    java.util.LinkedHashSet<CVariable> variables = new java.util.LinkedHashSet<>();
    java.util.LinkedHashSet<CReference> references = new java.util.LinkedHashSet<>();
    java.util.LinkedHashSet<ModuleParam> params = new java.util.LinkedHashSet<>();
    java.util.LinkedHashSet<ModInfo> descriptions = new java.util.LinkedHashSet<>();
    java.util.LinkedHashSet<ExportDecl> exports = new java.util.LinkedHashSet<>();
    for (SourceFile f : sources) {
      functions.addAll(f.code().functions());
      variables.addAll(f.code().variables());
      references.addAll(f.code().references());
      params.addAll(f.code().params());
      descriptions.addAll(f.code().paramDescriptions());
      exports.addAll(f.code().exports());
    }
    return new Code(List.copyOf(functions), List.copyOf(variables), List.copyOf(references),
        List.copyOf(params), List.copyOf(descriptions), List.copyOf(exports));
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
