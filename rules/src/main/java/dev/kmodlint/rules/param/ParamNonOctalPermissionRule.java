package dev.kmodlint.rules.param;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;

@RuleInfo(
    id = "param/non-octal-permission",
    level = Level.ERROR,
    summary = "Permission written as a decimal literal other than 0 (e.g. 644; 444 is 0674, which builds)",
    description = "Permissions are octal. 644 is decimal 644 = 01204 and fails the build; 444 is 0674 and"
        + " builds, giving the group write access nobody meant. checkpatch: NON_OCTAL_PERMISSIONS.",
    tags = {"param", "correctness"},
    anchor = "checkpatch NON_OCTAL_PERMISSIONS")
public final class ParamNonOctalPermissionRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      for (ModuleParam p : m.code().params()) {
        var perm = p.permission();
        if (!Params.nonOctalLiteral(perm)) continue;
        long v = perm.value().get();
        String digits = perm.text().strip();
        // 644 was meant as 0644; 420 (= 0644) and 0x1a4 meant their value
        String meant = perm.base() == 10 && digits.matches("[0-7]{1,4}") && !Params.COMMON.contains(v)
            ? "0" + digits : Params.octal(v);
        String builds = Params.worldWritable(v) || Params.invalid(v) != null ? "the build fails"
            : "it builds as " + Params.octal(v);
        ctx.report(perm.position(), "permission " + perm.text() + " of parameter " + p.name() + " is "
            + (perm.base() == 10 ? "decimal" : "not octal") + " (" + Params.octal(v) + " in octal): " + builds
            + "; write " + meant, List.of(),
            List.of(Params.replacePermission(perm, meant, "write the permission in octal")), List.of());
      }
    }
  }
}
