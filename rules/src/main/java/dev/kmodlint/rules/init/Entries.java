package dev.kmodlint.rules.init;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.EntryPoint;
import java.util.Optional;

/** How module entry points relate to the functions they name. */
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
