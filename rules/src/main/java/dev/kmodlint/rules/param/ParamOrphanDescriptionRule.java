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
    id = "param/orphan-description",
    level = Level.WARNING,
    summary = "MODULE_PARM_DESC for a parameter the module does not declare",
    description = "MODULE_PARM_DESC only adds a parm= line to .modinfo; for a name no module_param declares,"
        + " modinfo documents a parameter that does not exist, usually after a rename.",
    tags = {"param", "maintainability"})
public final class ParamOrphanDescriptionRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Code code = m.code();
      Set<String> names = code.params().stream().map(ModuleParam::name).collect(Collectors.toSet());
      for (ModInfo d : code.paramDescriptions()) {
        if (!names.contains(d.tag()))
          ctx.report(d.position(), "MODULE_PARM_DESC(" + d.tag() + ", ...) describes a parameter module "
              + m.name() + " does not declare");
      }
    }
  }
}
