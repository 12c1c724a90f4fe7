package dev.kmodlint.rules.param;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@RuleInfo(
    id = "param/duplicate",
    level = Level.ERROR,
    summary = "Two parameters of one module share a name",
    description = "Each parameter becomes a __param_<name> object and a sysfs file: two with one name fail"
        + " to compile in one file and to link across the objects of a module. Across two objects of which"
        + " the Makefile lists one only in some builds (ifeq on a value only the build knows), not reported.",
    tags = {"param", "correctness"},
    anchor = "build error")
public final class ParamDuplicateRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Map<String, ModuleParam> first = new HashMap<>();
      java.util.Set<java.nio.file.Path> conditional = m.conditionalFiles();
      for (ModuleParam p : m.code().params()) {
        if (!p.active()) continue; // #ifdef/#else variants of one parameter are not duplicates
        ModuleParam f = first.putIfAbsent(p.name(), p);
        if (f == null) continue;
        // ifeq ($(BUS),pci) ... else ...: objects the Makefile lists in alternative builds
        if (!f.position().file().equals(p.position().file())
            && (conditional.contains(f.position().file()) || conditional.contains(p.position().file()))) {
          ctx.skip(Level.WARNING, p.position(), "parameter " + p.name() + " of module " + m.name() + " is declared in two objects,"
              + " at least one of which the Makefile lists only in some builds: whether both are ever linked"
              + " together is unknown");
          continue;
        }
        ctx.report(p.position(), "parameter " + p.name() + " is declared twice in module " + m.name(),
            List.of(new Finding.Related(f.position(), "first declaration of " + p.name())));
      }
    }
  }
}
