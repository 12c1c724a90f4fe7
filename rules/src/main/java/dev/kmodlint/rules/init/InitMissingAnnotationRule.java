package dev.kmodlint.rules.init;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.Section;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;

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
      for (Entries.Bound b : Entries.bound(m)) {
        CFunction f = b.function();
        // TEXT only: the right section is fine, the wrong one is init/wrong-annotation, __ref is deliberate
        if (!f.definition() || f.fromMacro() || f.section() != Section.TEXT) continue;
        ctx.report(f.position(), b.macro() + " function " + f.name() + " is not marked "
            + (b.init() ? "__init: its code stays in memory after loading"
                : "__exit: built-in kernels keep code that can never run"),
            List.of(new Finding.Related(b.entry().position(), "used by " + b.macro())));
      }
    }
  }
}
