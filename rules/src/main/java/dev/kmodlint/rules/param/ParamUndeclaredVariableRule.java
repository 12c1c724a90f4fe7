package dev.kmodlint.rules.param;

import dev.kmodlint.model.Code;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "param/undeclared-variable",
    level = Level.ERROR,
    summary = "module_param names no declared variable",
    description = "module_param(name, ...) takes the address of a file-scope variable called name (or the"
        + " value given to module_param_named); when no object of the module declares it, nor a kernel"
        + " header (per the kernel header index), the build fails.",
    tags = {"param", "correctness"},
    anchor = "build error")
public final class ParamUndeclaredVariableRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      if (!m.unknownObjects().isEmpty()) continue;
      Code code = m.code();
      for (ModuleParam p : code.params()) {
        if (p.isCallback() || !p.plainVariable() || !Params.isIdentifier(p.variable())) continue;
        if (Params.variable(code, p).isPresent()) continue;
        if (code.functions().stream().anyMatch(f -> f.name().equals(p.variable()))) continue;
        // declared by a kernel header (edac_op_state in linux/edac.h): the header index knows
        if (ctx.kernel().headers().lookup(p.variable()).isPresent()) continue;
        ctx.report(p.position(), "parameter " + p.name() + " names variable " + p.variable()
            + ", which no file of module " + m.name() + " declares");
      }
    }
  }
}
