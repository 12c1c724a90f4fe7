package dev.kmodlint.rules.param;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CReference;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.model.Section;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
      Map<String, Section> sections = code.functions().stream().filter(CFunction::definition)
          .collect(Collectors.toMap(CFunction::name, CFunction::section, (a, b) -> a.isInit() ? a : b));
      for (ModuleParam p : code.params()) {
        var perm = p.permission();
        if (perm.value().isEmpty() || (perm.value().get() & 0222) == 0) continue;
        // a permission that does not build is reported as such; its write bits mean nothing yet
        if (Params.nonOctalLiteral(perm) || Params.worldWritable(perm.value().get())
            || Params.invalid(perm.value().get()) != null) continue;
        List<CReference> uses = code.references().stream().filter(r -> r.to().equals(p.variable())).toList();
        if (uses.isEmpty()) continue;
        // its address escapes (debugfs_create_u32(..., &var), a pointer, a struct): whoever holds
        // the pointer may read it after init
        if (uses.stream().anyMatch(r -> r.kind() == CReference.Kind.ADDRESS)) continue;
        Set<String> readers = uses.stream().map(CReference::from).collect(Collectors.toSet());
        boolean onlyInit = readers.stream().allMatch(f -> sections.containsKey(f) && sections.get(f).isInit());
        if (!onlyInit) continue;
        ctx.report(p.position(), "parameter " + p.name() + " is writable (" + Params.octal(p.permission().value().get())
            + ") but only read in __init code (" + String.join(", ", readers.stream().sorted().toList())
            + "): writes through sysfs after loading change nothing",
            uses.stream().map(u -> new Finding.Related(u.position(), "read in __init " + u.from())).toList());
      }
    }
  }
}
