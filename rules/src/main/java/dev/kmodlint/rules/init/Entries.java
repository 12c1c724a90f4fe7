package dev.kmodlint.rules.init;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.EntryPoint;
import java.util.Optional;

/** How module entry points relate to the functions they name. */
final class Entries {
  private Entries() {}

  /** module_init or a module_*_driver helper: defines init_module in a module. */
  static boolean providesInit(EntryPoint e) {
    return e.kind().equals("init") || isHelper(e);
  }

  static boolean providesExit(EntryPoint e) {
    return e.kind().equals("exit") || isHelper(e);
  }

  /** A function that runs at init: module_init's or an initcall's. */
  static boolean isInitFunction(EntryPoint e) {
    return e.kind().equals("init") || e.kind().equals("initcall");
  }

  static boolean isHelper(EntryPoint e) {
    return !e.kind().equals("init") && !e.kind().equals("exit") && !e.kind().equals("initcall");
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
