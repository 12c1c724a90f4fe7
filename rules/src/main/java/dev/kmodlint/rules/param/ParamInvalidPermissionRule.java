package dev.kmodlint.rules.param;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "param/invalid-permission",
    level = Level.ERROR,
    summary = "Parameter permission violates VERIFY_OCTAL_PERMISSIONS (> 0777, group-write without user-write, read bits not monotonic)",
    description = "include/linux/kernel.h's VERIFY_OCTAL_PERMISSIONS fails the build unless 0 <= perm <= 0777,"
        + " user-read >= group-read >= other-read and user-write >= group-write.",
    tags = {"param", "correctness"},
    anchor = "build error")
public final class ParamInvalidPermissionRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      for (ModuleParam p : m.code().params()) {
        var perm = p.permission();
        if (perm.value().isEmpty()) {
          if (!perm.text().isEmpty())
            ctx.skip(Level.WARNING, perm.position(), "the permission of parameter " + p.name() + " (" + perm.text()
                + ") uses names kmodlint cannot evaluate without kernel headers");
          continue;
        }
        long v = perm.value().get();
        if (Params.nonOctalLiteral(perm) || Params.worldWritable(v)) continue;
        String why = Params.invalid(v);
        if (why != null)
          ctx.report(perm.position(), "permission " + perm.text() + " of parameter " + p.name() + " is invalid: "
              + why + "; VERIFY_OCTAL_PERMISSIONS stops the build");
      }
    }
  }
}
