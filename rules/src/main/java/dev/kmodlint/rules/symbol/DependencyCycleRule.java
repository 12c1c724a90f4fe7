package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.symbols.SymbolResolution;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleInfo(
    id = "symbol/dependency-cycle",
    level = Level.ERROR,
    summary = "Scanned modules depend on each other in a cycle through their exports",
    description = "A module that uses a symbol of another must be loaded after it. When two modules"
        + " (or a longer chain) use each other's exports, no load order works: depmod reports"
        + " 'Cycle detected' and modprobe refuses them. Move the shared code into one module. A cycle that"
        + " closes only through a symbol a kernel header's macro or inline function may reach (the header"
        + " index knows what its body names, not under which conditions) is a warning.",
    tags = {"symbol", "correctness"},
    anchor = "depmod Cycle detected")
public final class DependencyCycleRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    SymbolResolution symbols = ctx.symbols();
    for (List<Module> cycle : symbols.cycles(ctx.project().modules())) {
      List<Finding.Related> flow = new ArrayList<>();
      List<String> steps = new ArrayList<>();
      List<String> through = new ArrayList<>();
      Map<Module, Set<Module>> certain = new IdentityHashMap<>();
      for (Module m : cycle) {
        SymbolResolution.Need step = null;
        for (SymbolResolution.Need n : symbols.needs(m)) {
          Module to = provider(n);
          if (to == null || to == m || cycle.stream().noneMatch(c -> c == to)) continue;
          boolean sure = n.how() != SymbolResolution.How.HEADER_MACRO;
          if (sure) certain.computeIfAbsent(m, k -> java.util.Collections.newSetFromMap(new IdentityHashMap<>())).add(to);
          // the step shown: a use the module's own code makes, if there is one
          if (step == null || (sure && step.how() == SymbolResolution.How.HEADER_MACRO)) step = n;
        }
        if (step == null) continue;
        Module to = provider(step);
        String text = m.name() + " uses " + step.symbol() + " of " + to.name();
        if (step.how() == SymbolResolution.How.HEADER_MACRO) {
          text += " (through the kernel headers' " + step.written() + ")";
          through.add(step.written());
        }
        flow.add(new Finding.Related(step.at(), text));
        steps.add(text);
      }
      String modules = String.join(", ", cycle.stream().map(Module::name).toList());
      if (stronglyConnected(cycle, certain)) {
        ctx.report(cycle.get(0).anchor(), "modules " + modules + " depend on each other (" + String.join("; ", steps)
            + "): depmod reports a cycle and modprobe cannot load them", flow, List.of(), flow);
      } else {
        // a header's inline function reaches every exported symbol its body names, under any
        // condition: virtio_has_feature() calls virtio_check_driver_offered_feature() only for
        // feature bits below VIRTIO_TRANSPORT_F_START, which virtio_ring's constants never are
        ctx.report(Level.WARNING, cycle.get(0).anchor(), "modules " + modules + " would depend on each other ("
            + String.join("; ", steps) + "), but a step is only a symbol that the kernel headers' "
            + String.join(", ", through) + " may reach: if the call at hand reaches it, depmod reports a cycle", flow);
      }
    }
  }

  private static Module provider(SymbolResolution.Need n) {
    return n.provider().flatMap(SymbolResolution.Provider::scanned).flatMap(SymbolResolution.ScannedExport::module)
        .orElse(null);
  }

  /** True when every module of {@code cycle} reaches every other through {@code edges}. */
  private static boolean stronglyConnected(List<Module> cycle, Map<Module, Set<Module>> edges) {
    Map<Module, Set<Module>> reverse = new IdentityHashMap<>();
    edges.forEach((from, tos) -> tos.forEach(to ->
        reverse.computeIfAbsent(to, k -> java.util.Collections.newSetFromMap(new IdentityHashMap<>())).add(from)));
    return reached(cycle.get(0), edges) == cycle.size() && reached(cycle.get(0), reverse) == cycle.size();
  }

  private static int reached(Module start, Map<Module, Set<Module>> edges) {
    Set<Module> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    java.util.Deque<Module> todo = new java.util.ArrayDeque<>(List.of(start));
    seen.add(start);
    while (!todo.isEmpty()) for (Module to : edges.getOrDefault(todo.poll(), Set.of())) if (seen.add(to)) todo.add(to);
    return seen.size();
  }
}
