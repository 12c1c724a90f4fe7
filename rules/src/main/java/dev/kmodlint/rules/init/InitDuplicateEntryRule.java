package dev.kmodlint.rules.init;

import dev.kmodlint.model.EntryPoint;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;
import java.util.function.Predicate;

@RuleInfo(
    id = "init/duplicate-entry",
    level = Level.ERROR,
    summary = "More than one module_init (or module_exit) in one module",
    description = "module_init defines init_module (an alias); two in one module, also through a"
        + " module_*_driver helper, fail to compile or to link.",
    tags = {"init", "correctness"},
    anchor = "compiler or linker error")
public final class InitDuplicateEntryRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      List<EntryPoint> active = m.entryPoints().stream().filter(EntryPoint::active).distinct().toList();
      check(ctx, m, active, EntryPoint::providesInit, "module_init");
      check(ctx, m, active, EntryPoint::providesExit, "module_exit");
    }
  }

  private static void check(RuleContext ctx, Module m, List<EntryPoint> entries, Predicate<EntryPoint> kind, String what) {
    EntryPoint first = null;
    for (EntryPoint e : entries) {
      if (!kind.test(e)) continue;
      if (first == null) {
        first = e;
        continue;
      }
      // a helper supplies both; report it once, under module_init
      if (what.equals("module_exit") && e.isHelper() && first.isHelper()) continue;
      if (!e.position().file().equals(first.position().file())) {
        // objects of a composite are often alternatives (ath5k: ahb.o or pci.o by Kconfig)
        ctx.skip(Level.WARNING, e.position(), "module " + m.name() + " has " + what + " in two objects; whether both are"
            + " ever built together depends on the configuration");
        continue;
      }
      ctx.report(e.position(), "module " + m.name() + " gets a second " + what + " here ("
          + (e.isHelper() ? e.helper() + "(" + e.function() + ")" : e.function()) + "): init_module/cleanup_module"
          + " are defined twice", List.of(new Finding.Related(first.position(), "the first " + what)));
    }
  }
}
