package dev.kmodlint.rules.param;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;

@RuleInfo(
    id = "param/world-writable",
    level = Level.ERROR,
    summary = "Parameter permission has the other-write bit (0002)",
    description = "Any user could change the parameter through /sys/module/<module>/parameters/."
        + " VERIFY_OCTAL_PERMISSIONS makes this a build error; checkpatch reports EXPORTED_WORLD_WRITABLE.",
    tags = {"param", "security"},
    anchor = "build error (VERIFY_OCTAL_PERMISSIONS), checkpatch EXPORTED_WORLD_WRITABLE")
public final class ParamWorldWritableRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      for (ModuleParam p : m.code().params()) {
        var perm = p.permission();
        if (perm.value().isEmpty() || Params.nonOctalLiteral(perm) || !Params.worldWritable(perm.value().get())) continue;
        long fixed = perm.value().get() & ~02L;
        ctx.report(perm.position(), "parameter " + p.name() + " is world-writable (" + Params.octal(perm.value().get())
            + "): any user could change it through sysfs, and the build stops at VERIFY_OCTAL_PERMISSIONS",
            List.of(), List.of(Params.replacePermission(perm, Params.octal(fixed), "drop the other-write bit")), List.of());
      }
    }
  }
}
