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
    id = "init/bad-signature",
    level = Level.ERROR,
    summary = "module_init function is not int f(void) / module_exit not void f(void)",
    description = "module_init checks its argument against initcall_t (int (*)(void)) and module_exit against"
        + " exitcall_t (void (*)(void)) with __inittest/__exittest: another signature fails the build.",
    tags = {"init", "correctness"},
    anchor = "compiler error via __inittest")
public final class InitBadSignatureRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      for (Entries.Bound b : Entries.bound(m)) {
        CFunction fn = b.function();
        String want = b.init() ? "int" : "void";
        if (fn.returnType().equals(want) && fn.parameterTypes().isEmpty()) continue;
        String have = fn.returnType() + " " + fn.name() + "(" + (fn.parameterTypes().isEmpty() ? "void"
            : String.join(", ", fn.parameterTypes())) + ")";
        ctx.report(b.entry().position(), b.macro() + " needs " + want + " " + fn.name()
            + "(void), but it is " + have, List.of(new Finding.Related(fn.position(), fn.name() + " is declared here")));
      }
    }
  }
}
