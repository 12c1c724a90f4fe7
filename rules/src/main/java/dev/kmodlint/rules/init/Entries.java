package dev.kmodlint.rules.init;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.EntryPoint;
import java.util.Optional;

/** How module entry points relate to the functions they name. */
final class Entries {
  private Entries() {}

  static boolean providesInit(EntryPoint e) {
    return !e.kind().equals("exit");
  }

  static boolean providesExit(EntryPoint e) {
    return !e.kind().equals("init");
  }

  static boolean isHelper(EntryPoint e) {
    return !e.kind().equals("init") && !e.kind().equals("exit");
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
