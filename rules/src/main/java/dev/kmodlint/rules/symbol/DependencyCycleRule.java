package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.symbols.SymbolResolution;
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
    SymbolResolution symbols = ctx.symbols();
    for (List<Module> cycle : symbols.cycles(ctx.project().modules())) {
      List<Finding.Related> flow = new ArrayList<>();
      List<String> steps = new ArrayList<>();
      for (Module m : cycle) {
        for (SymbolResolution.Need n : symbols.needs(m)) {
          Module to = n.provider().flatMap(SymbolResolution.Provider::scanned).flatMap(SymbolResolution.ScannedExport::module).orElse(null);
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
