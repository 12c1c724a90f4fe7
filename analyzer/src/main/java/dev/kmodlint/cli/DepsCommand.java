package dev.kmodlint.cli;

import dev.kmodlint.model.Module;
import dev.kmodlint.symbols.SymbolResolution;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code kmodlint deps}: the dependency graph of the scanned modules through their exports, and its cycles. */
@Command(name = "deps", mixinStandardHelpOptions = true,
    description = "Print the module dependency graph (which module uses which module's exports) and its cycles.")
final class DepsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModuleScan scan;

  enum Format { text, dot }

  @Option(names = "--format", defaultValue = "text", description = "text (default) or dot (Graphviz)")
  Format format;

  @Override
  public Integer call() throws IOException {
    ModuleScan.Scan s = scan.run();
    SymbolResolution symbols = s.symbols();
    List<Module> modules = s.result().project().modules();
    PrintWriter out = spec.commandLine().getOut();
    List<List<Module>> cycles = symbols.cycles(modules);
    if (format == Format.dot) {
      out.println("digraph modules {");
      out.println("  rankdir=LR;");
      for (Module m : modules) out.println("  \"" + m.name() + "\";");
      for (Module m : modules)
        for (Map.Entry<Module, List<String>> e : edges(symbols, m))
          out.println("  \"" + m.name() + "\" -> \"" + e.getKey().name() + "\" [label=\""
              + String.join("\\n", e.getValue()) + "\"" + (inCycle(cycles, m, e.getKey()) ? ", color=red" : "") + "];");
      for (Module m : modules)
        for (String k : symbols.kernelDependencies(m))
          out.println("  \"" + m.name() + "\" -> \"" + k + "\" [style=dashed];");
      out.println("}");
    } else {
      for (Module m : modules) {
        List<Map.Entry<Module, List<String>>> edges = edges(symbols, m);
        List<String> kernel = symbols.kernelDependencies(m);
        out.println(m.name() + (edges.isEmpty() && kernel.isEmpty() ? ": (no module dependencies)" : ":"));
        for (Map.Entry<Module, List<String>> e : edges)
          out.println("  -> " + e.getKey().name() + " (" + String.join(", ", e.getValue()) + ")");
        if (!kernel.isEmpty()) out.println("  -> kernel modules: " + String.join(", ", kernel));
      }
      for (List<Module> c : cycles) {
        List<String> names = new ArrayList<>(c.stream().map(Module::name).toList());
        names.add(names.get(0));
        out.println("cycle: " + String.join(" -> ", names));
      }
    }
    out.flush();
    return cycles.isEmpty() ? Main.OK : Main.FINDINGS;
  }

  /** Each scanned module {@code m} uses, with the symbols, in order of first use. */
  private static List<Map.Entry<Module, List<String>>> edges(SymbolResolution symbols, Module m) {
    List<Map.Entry<Module, List<String>>> out = new ArrayList<>();
    Map<Module, List<String>> byModule = new java.util.HashMap<>();
    for (SymbolResolution.Need n : symbols.needs(m)) {
      Module d = n.provider().flatMap(SymbolResolution.Provider::scanned).flatMap(SymbolResolution.ScannedExport::module).orElse(null);
      if (d == null || d == m) continue;
      List<String> names = byModule.get(d);
      if (names == null) {
        names = new ArrayList<>();
        byModule.put(d, names);
        out.add(Map.entry(d, names));
      }
      names.add(n.symbol());
    }
    return out;
  }

  private static boolean inCycle(List<List<Module>> cycles, Module a, Module b) {
    return cycles.stream().anyMatch(c -> c.stream().anyMatch(x -> x == a) && c.stream().anyMatch(x -> x == b));
  }
}
