package dev.kmodlint.rules.symbol;

import dev.kmodlint.engine.Finding;
import dev.kmodlint.engine.Linkage;
import dev.kmodlint.engine.Rule;
import dev.kmodlint.engine.RuleContext;
import dev.kmodlint.engine.RuleInfo;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import java.util.ArrayList;
import java.util.List;

@RuleInfo(
    id = "symbol/dependency-cycle",
    level = Level.ERROR,
    summary = "Scanned modules depend on each other in a cycle through their exports",
    description = "A module that uses a symbol of another must be loaded after it. When two modules"
        + " (or a longer chain) use each other's exports, no load order works: depmod reports"
        + " 'Cycle detected' and modprobe refuses them. Move the shared code into one module.",
    tags = {"symbol", "correctness"},
    anchor = "depmod Cycle detected")
public final class DependencyCycleRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    Linkage linkage = ctx.linkage();
    for (List<Module> cycle : linkage.cycles(ctx.project().modules())) {
      List<Finding.Related> flow = new ArrayList<>();
      List<String> steps = new ArrayList<>();
      for (Module m : cycle) {
        for (Linkage.Need n : linkage.needs(m)) {
          Module to = n.provider().flatMap(Linkage.Provider::scanned).flatMap(Linkage.ScannedExport::module).orElse(null);
          if (to == null || to == m || cycle.stream().noneMatch(c -> c == to)) continue;
          flow.add(new Finding.Related(n.at(), m.name() + " uses " + n.symbol() + " of " + to.name()));
          steps.add(m.name() + " uses " + n.symbol() + " of " + to.name());
          break;
        }
      }
      ctx.report(cycle.get(0).anchor(), "modules " + String.join(", ", cycle.stream().map(Module::name).toList())
          + " depend on each other (" + String.join("; ", steps) + "): depmod reports a cycle and modprobe cannot"
          + " load them", flow, List.of(), flow);
    }
  }
}
