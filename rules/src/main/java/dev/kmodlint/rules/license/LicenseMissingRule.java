package dev.kmodlint.rules.license;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleObject;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;

@RuleInfo(
    id = "license/missing",
    level = Level.ERROR,
    summary = "Module has no MODULE_LICENSE in any of its objects",
    description = "Kbuild links all objects of a module (obj-m += foo.o, foo-y := a.o b.o) into one .ko;"
        + " when none of them declares MODULE_LICENSE, modpost stops the build with"
        + " 'ERROR: modpost: missing MODULE_LICENSE()'.",
    tags = {"license", "modpost", "correctness"},
    anchor = "modpost ERROR missing MODULE_LICENSE()")
public final class LicenseMissingRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      if (!m.licenses().isEmpty()) continue;
      if (ctx.skipWhenIncomplete(m, "license", Level.WARNING)) continue;
      String objects = String.join(", ", m.objects().stream().map(ModuleObject::name).toList());
      List<Finding.Related> related = m.declaredAt()
          .map(p -> List.of(new Finding.Related(p, "module " + m.name() + " is built here")))
          .orElse(List.of());
      ctx.report(m.anchor(), "module " + m.name() + " has no MODULE_LICENSE() in any of its objects ("
          + objects + "): modpost refuses to build it; add e.g. MODULE_LICENSE(\"GPL\")", related);
    }
  }
}
