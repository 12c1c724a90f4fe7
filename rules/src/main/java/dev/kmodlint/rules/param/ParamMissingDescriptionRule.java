package dev.kmodlint.rules.param;

import dev.kmodlint.model.Code;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.Set;
import java.util.stream.Collectors;

@RuleInfo(
    id = "param/missing-description",
    level = Level.NOTE,
    summary = "Parameter without MODULE_PARM_DESC",
    description = "modinfo lists every parameter with its description; one without MODULE_PARM_DESC shows"
        + " only its type, and users have to read the source to learn what it does.",
    tags = {"param", "documentation"})
public final class ParamMissingDescriptionRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Code code = m.code();
      Set<String> described = code.paramDescriptions().stream().map(ModInfo::tag).collect(Collectors.toSet());
      for (ModuleParam p : code.params()) {
        if (!described.contains(p.name()))
          ctx.report(p.position(), "parameter " + p.name() + " has no MODULE_PARM_DESC: modinfo shows only its type");
      }
    }
  }
}
