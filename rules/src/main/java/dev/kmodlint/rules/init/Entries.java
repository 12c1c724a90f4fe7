package dev.kmodlint.rules.init;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.EntryPoint;
import dev.kmodlint.model.Section;
import dev.kmodlint.model.SourcePosition;
import java.util.Optional;

/** How module entry points relate to the functions they name, and where sections are written. */
final class Entries {
  private Entries() {}

  /** A module_init/module_exit/initcall entry and the function it names, as declared in the module. */
  record Bound(EntryPoint entry, CFunction function) {
    boolean init() {
      return entry.runsAtInit();
    }

    String macro() {
      return init() ? "module_init" : "module_exit";
    }
  }

  /** Every entry point of the module that names a function the module declares (helpers aside). */
  static java.util.List<Bound> bound(dev.kmodlint.model.Module m) {
    Code code = m.code();
    java.util.List<Bound> out = new java.util.ArrayList<>();
    for (EntryPoint e : m.entryPoints()) {
      if (e.isHelper()) continue;
      function(code, e.function()).ifPresent(f -> out.add(new Bound(e, f)));
    }
    return out;
  }

  /**
   * Where the section of {@code f} is written: its own annotation, else that of the
   * other declaration of it in the translation unit that gave the section (gcc merges the attributes
   * of a name's declarations).
   */
  static SourcePosition sectionWrittenAt(Code code, CFunction f) {
    if (f.annotationAt().isPresent()) return f.annotationAt().get();
    if (f.section() == Section.TEXT) return f.position();
    for (CFunction other : code.functions())
      if (other.name().equals(f.name()) && other.section() == f.section() && other.annotationAt().isPresent())
        return other.annotationAt().get();
    return f.position();
  }

  /** {@link #sectionWrittenAt(Code, CFunction)} for objects: {@code extern int x __initdata;} before {@code int x;}. */
  static SourcePosition sectionWrittenAt(Code code, CVariable v) {
    if (v.annotationAt().isPresent()) return v.annotationAt().get();
    if (v.section() == Section.DATA || v.section() == Section.RODATA)
      return v.position();
    for (CVariable other : code.variables())
      if (other.name().equals(v.name()) && other.section() == v.section() && other.annotationAt().isPresent())
        return other.annotationAt().get();
    return v.position();
  }

  /** The definition of a function, else its prototype. */
  static Optional<CFunction> function(Code code, String name) {
    CFunction best = null;
    for (CFunction f : code.functions()) {
      if (!f.name().equals(name)) continue;
      if (best == null || (f.definition() && !best.definition())) best = f;
    }
    return Optional.ofNullable(best);
  }
}
