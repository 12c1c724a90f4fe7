package dev.kmodlint.rules.init;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;

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
      for (Entries.Bound b : Entries.bound(m)) {
        CFunction f = b.function();
        if (f.fromMacro()) continue;
        boolean wrong = b.init() ? f.section().isExit() : f.section().isInit();
        if (!wrong) continue;
        ctx.report(b.entry().position(), b.macro() + " function " + f.name() + " is "
            + f.section().annotation() + "; it must be " + (b.init() ? "__init" : "__exit"),
            List.of(new Finding.Related(Entries.sectionWrittenAt(m.code(), f), f.name() + " is " + f.section().annotation())));
      }
    }
  }
}
