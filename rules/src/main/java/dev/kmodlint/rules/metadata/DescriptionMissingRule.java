package dev.kmodlint.rules.metadata;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;

@RuleInfo(
    id = "metadata/description-missing",
    level = Level.WARNING,
    summary = "Module has no MODULE_DESCRIPTION",
    description = "modinfo and the logs of every distribution show the description; since Linux 6.5"
        + " modpost warns about a module without one when built with W=1.",
    tags = {"metadata", "maintainability"},
    anchor = "modpost >= 6.5 with W=1")
public final class DescriptionMissingRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      if (!m.modInfo("description").isEmpty()) continue;
      if (ctx.skipWhenIncomplete(m, "description")) continue;
      List<ModInfo> lic = m.licenses();
      SourcePosition at = lic.isEmpty() ? m.anchor() : lic.get(0).position();
      ctx.report(at, "module " + m.name() + " has no MODULE_DESCRIPTION(): modinfo shows nothing"
          + " for it and modpost (W=1, Linux 6.5+) warns");
    }
  }
}
