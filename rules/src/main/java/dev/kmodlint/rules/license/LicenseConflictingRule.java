package dev.kmodlint.rules.license;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;

@RuleInfo(
    id = "license/conflicting",
    level = Level.WARNING,
    summary = "Objects of one module declare different licenses",
    description = "All objects of a module end up in one .ko with one .modinfo section. Two different"
        + " MODULE_LICENSE strings give the module two license tags; the loader uses the first"
        + " it finds, so what the module is licensed under depends on link order.",
    tags = {"license", "maintainability"})
public final class LicenseConflictingRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      ModInfo first = null;
      for (ModInfo lic : m.licenses()) {
        if (!lic.resolved()) continue;
        if (first == null) {
          first = lic;
        } else if (!first.value().equals(lic.value())) {
          ctx.report(lic.position(), "MODULE_LICENSE(\"" + lic.value() + "\") conflicts with MODULE_LICENSE(\""
              + first.value() + "\") elsewhere in module " + m.name()
              + ": the module gets two license tags and only one of them takes effect",
              List.of(new Finding.Related(first.position(), "the other license of module " + m.name())));
        }
      }
    }
  }
}
