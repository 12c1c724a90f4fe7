package dev.kmodlint.rules.param;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "param/bad-hw-type",
    level = Level.ERROR,
    summary = "module_param_hw* with a hwtype other than ioport, iomem, ioport_or_iomem, irq, dma, dma_addr, other",
    description = "module_param_hw pastes the hwtype into KERNEL_PARAM_FL_HWPARAM | hwparam_<hwtype>; any"
        + " other word is an undeclared identifier and the build fails.",
    tags = {"param", "correctness"},
    anchor = "build error")
public final class ParamBadHwTypeRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      for (ModuleParam p : m.code().params()) {
        if (p.hwType().isEmpty() || Params.HW_TYPES.contains(p.hwType().get())) continue;
        ctx.report(p.position(), "parameter " + p.name() + " has hardware type '" + p.hwType().get()
            + "'; the kernel knows " + String.join(", ", Params.HW_TYPES));
      }
    }
  }
}
