package dev.kmodlint.rules.param;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;

@RuleInfo(
    id = "param/symbolic-permission",
    level = Level.NOTE,
    summary = "S_IRUGO-style symbolic permission; the octal value reads better",
    description = "Kernel style prefers octal permissions over S_IRUGO | S_IWUSR combinations, which are"
        + " harder to read and to check (checkpatch SYMBOLIC_PERMS).",
    tags = {"param", "style"},
    anchor = "checkpatch SYMBOLIC_PERMS")
public final class ParamSymbolicPermissionRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      for (ModuleParam p : m.code().params()) {
        var perm = p.permission();
        if (perm.symbols().isEmpty() || perm.value().isEmpty()) continue;
        String octal = Params.octal(perm.value().get());
        ctx.report(perm.position(), "symbolic permission " + perm.text() + " of parameter " + p.name()
            + ": write " + octal, List.of(),
            List.of(Params.replacePermission(perm, octal, "use the octal value")), List.of());
      }
    }
  }
}
