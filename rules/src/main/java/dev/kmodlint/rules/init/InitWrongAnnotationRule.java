package dev.kmodlint.rules.init;

import dev.kmodlint.engine.Finding;
import dev.kmodlint.engine.Rule;
import dev.kmodlint.engine.RuleContext;
import dev.kmodlint.engine.RuleInfo;
import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.EntryPoint;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "init/wrong-annotation",
    level = Level.ERROR,
    summary = "The module_init function is __exit, or the module_exit function is __init",
    description = "An __exit function is discarded from built-in code and an __init one is freed after"
        + " loading: as module_init resp. module_exit they are called when their memory is gone.",
    tags = {"init", "correctness"})
public final class InitWrongAnnotationRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      var code = m.code();
      for (EntryPoint e : m.entryPoints()) {
        if (Entries.isHelper(e)) continue;
        Optional<CFunction> f = Entries.function(code, e.function());
        if (f.isEmpty() || f.get().fromMacro()) continue;
        boolean init = Entries.isInitFunction(e);
        boolean wrong = init ? f.get().section().isExit() : f.get().section().isInit();
        if (!wrong) continue;
        ctx.report(e.position(), (init ? "module_init" : "module_exit") + " function " + e.function() + " is "
            + f.get().section().annotation() + "; it must be " + (init ? "__init" : "__exit"),
            List.of(new Finding.Related(f.get().annotationAt().orElse(f.get().position()),
                e.function() + " is " + f.get().section().annotation())));
      }
    }
  }
}
