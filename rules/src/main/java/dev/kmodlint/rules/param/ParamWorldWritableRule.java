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
    // any local user changes how the module behaves (CVSS 3.1 AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:H = 7.1)
    securitySeverity = "7.1",
    anchor = "build error (VERIFY_OCTAL_PERMISSIONS), checkpatch EXPORTED_WORLD_WRITABLE")
public final class ParamWorldWritableRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      for (ModuleParam p : m.code().params()) {
        var perm = p.permission();
        if (perm.value().isEmpty() || Params.nonOctalLiteral(perm) || !Params.worldWritable(perm.value().get())) continue;
        // the kernel's idiom: the owner writes, everyone reads (0644, 0600): group write goes too;
        // read-only when only __init code reads it, where a write would change nothing anyway
        boolean initOnly = !Params.initOnlyReaders(m.code(), p).isEmpty();
        long fixed = perm.value().get() & (initOnly ? ~0222L : ~022L);
        ctx.report(perm.position(), "parameter " + p.name() + " is world-writable (" + Params.octal(perm.value().get())
            + "): any user could change it through sysfs, and the build stops at VERIFY_OCTAL_PERMISSIONS",
            List.of(), List.of(Params.replacePermission(perm, Params.octal(fixed), initOnly
                ? "make it read-only (only __init code reads it)" : "let only the owner write")), List.of());
      }
    }
  }
}
