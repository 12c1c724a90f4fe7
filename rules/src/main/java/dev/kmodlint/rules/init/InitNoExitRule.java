package dev.kmodlint.rules.init;

import dev.kmodlint.model.EntryPoint;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;

@RuleInfo(
    id = "init/no-exit",
    level = Level.WARNING,
    summary = "module_init without module_exit: the module can never be unloaded",
    description = "The loader refuses to unload a module that has an init function but no exit function"
        + " (rmmod: 'Device or resource busy'); nothing warns at build time.",
    tags = {"init", "correctness"})
public final class InitNoExitRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      List<EntryPoint> entries = m.entryPoints();
      if (entries.stream().anyMatch(EntryPoint::providesExit)) continue;
      EntryPoint init = entries.stream().filter(e -> e.kind() == EntryPoint.Kind.INIT).findFirst().orElse(null);
      if (init == null) continue;
      if (ctx.skipWhenIncomplete(m, "exit function")) continue;
      ctx.report(init.position(), "module " + m.name() + " has module_init(" + init.function()
          + ") but no module_exit: once loaded it can never be unloaded");
    }
  }
}
