package dev.kmodlint.rules.param;

import dev.kmodlint.model.CReference;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;
import java.util.Set;

@RuleInfo(
    id = "param/write-ineffective",
    level = Level.WARNING,
    summary = "Writable parameter that is only read from __init code: runtime writes change nothing",
    description = "A parameter with a write bit can be changed through sysfs after the module is loaded;"
        + " when only __init code reads it, the new value is never used (and the __init code is gone)."
        + " Make it read-only (0444) or read it where it matters. A variable whose address is taken"
        + " (passed as &var, stored in a pointer or a structure) may be read through it later: not reported.",
    tags = {"param", "correctness"})
public final class ParamWriteIneffectiveRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Code code = m.code();
      for (ModuleParam p : code.params()) {
        var perm = p.permission();
        if (perm.value().isEmpty() || (perm.value().get() & 0222) == 0) continue;
        // a permission that does not build is reported as such; its write bits mean nothing yet
        if (Params.nonOctalLiteral(perm) || Params.worldWritable(perm.value().get())
            || Params.invalid(perm.value().get()) != null) continue;
        Set<String> readers = Params.initOnlyReaders(code, p);
        if (readers.isEmpty()) continue;
        List<CReference> uses = code.references().stream().filter(r -> r.to().equals(p.variable())).toList();
        ctx.report(p.position(), "parameter " + p.name() + " is writable (" + Params.octal(p.permission().value().get())
            + ") but only read in __init code (" + String.join(", ", readers)
            + "): writes through sysfs after loading change nothing",
            uses.stream().map(u -> new Finding.Related(u.position(), "read in __init " + u.from())).toList());
      }
    }
  }
}
