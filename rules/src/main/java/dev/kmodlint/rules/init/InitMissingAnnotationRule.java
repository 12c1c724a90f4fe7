package dev.kmodlint.rules.init;

import dev.kmodlint.engine.Finding;
import dev.kmodlint.engine.Rule;
import dev.kmodlint.engine.RuleContext;
import dev.kmodlint.engine.RuleInfo;
import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.EntryPoint;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.Section;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "init/missing-annotation",
    level = Level.NOTE,
    summary = "module_init function not __init / module_exit function not __exit",
    description = "Marking the module_init function __init frees its memory after loading; marking the"
        + " module_exit function __exit drops it from built-in kernels. Without them the code stays"
        + " resident for nothing.",
    tags = {"init", "memory"})
public final class InitMissingAnnotationRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      var code = m.code();
      for (EntryPoint e : m.entryPoints()) {
        if (Entries.isHelper(e)) continue;
        Optional<CFunction> f = Entries.function(code, e.function());
        if (f.isEmpty() || !f.get().definition() || f.get().fromMacro()) continue;
        boolean init = Entries.isInitFunction(e);
        if (f.get().section() != Section.TEXT) continue; // the right one, the wrong one (wrong-annotation) or __ref
        ctx.report(f.get().position(), (init ? "module_init" : "module_exit") + " function " + e.function()
            + " is not marked " + (init ? "__init: its code stays in memory after loading"
                : "__exit: built-in kernels keep code that can never run"),
            List.of(new Finding.Related(e.position(), "used by " + (init ? "module_init" : "module_exit"))));
      }
    }
  }
}
