package dev.kmodlint.rules.param;

import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "param/signedness-mismatch",
    level = Level.WARNING,
    summary = "Parameter type and variable differ only in signedness (int over unsigned int, uint over int)",
    description = "param_check_<type> catches a wrong type, but the kernel builds with -Wno-pointer-sign, so"
        + " an int parameter over an unsigned variable (or the reverse) builds silently: 'insmod m.ko"
        + " count=-1' then stores 4294967295, and a uint parameter over an int never reads negative.",
    tags = {"param", "correctness"},
    anchor = "none (the build lets it through)")
public final class ParamSignednessMismatchRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Code code = m.code();
      for (ModuleParam p : code.params()) {
        if (p.isCallback() || p.isString()) continue;
        Optional<CVariable> var = Params.variable(code, p);
        if (var.isEmpty()) continue;
        String problem = ParamTypeMismatchRule.problem(p, var.get());
        if (problem == null || !ParamTypeMismatchRule.signednessOnly(problem)) continue;
        ctx.report(p.position(), "parameter " + p.name() + ": " + problem,
            List.of(new Finding.Related(var.get().position(), var.get().name() + " is declared " + var.get().typeText())));
      }
    }
  }
}
