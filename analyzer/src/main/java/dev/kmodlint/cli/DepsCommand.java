package dev.kmodlint.cli;

import dev.kmodlint.engine.Linkage;
import dev.kmodlint.model.Module;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
    Linkage linkage = s.linkage();
    List<Module> modules = s.result().project().modules();
    PrintWriter out = spec.commandLine().getOut();
    List<List<Module>> cycles = linkage.cycles(modules);
    if (format == Format.dot) {
      out.println("digraph modules {");
      out.println("  rankdir=LR;");
      for (Module m : modules) out.println("  \"" + m.name() + "\";");
      for (Module m : modules)
        for (Map.Entry<Module, List<String>> e : edges(linkage, m))
          out.println("  \"" + m.name() + "\" -> \"" + e.getKey().name() + "\" [label=\""
              + String.join("\\n", e.getValue()) + "\"" + (inCycle(cycles, m, e.getKey()) ? ", color=red" : "") + "];");
      for (Module m : modules)
        for (String k : linkage.kernelDependencies(m))
          out.println("  \"" + m.name() + "\" -> \"" + k + "\" [style=dashed];");
      out.println("}");
    } else {
      for (Module m : modules) {
        List<Map.Entry<Module, List<String>>> edges = edges(linkage, m);
        List<String> kernel = linkage.kernelDependencies(m);
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

  /** Each scanned module {@code m} uses, with the symbols, in order of first use (by identity: see Linkage). */
  private static List<Map.Entry<Module, List<String>>> edges(Linkage linkage, Module m) {
    List<Map.Entry<Module, List<String>>> out = new ArrayList<>();
    Map<Module, List<String>> byModule = new java.util.IdentityHashMap<>();
    for (Linkage.Need n : linkage.needs(m)) {
      Module d = n.provider().flatMap(Linkage.Provider::scanned).flatMap(Linkage.ScannedExport::module).orElse(null);
      if (d == null || d == m) continue;
      List<String> symbols = byModule.get(d);
      if (symbols == null) {
        symbols = new ArrayList<>();
        byModule.put(d, symbols);
        out.add(Map.entry(d, symbols));
      }
      symbols.add(n.symbol());
    }
    return out;
  }

  private static boolean inCycle(List<List<Module>> cycles, Module a, Module b) {
    return cycles.stream().anyMatch(c -> c.stream().anyMatch(x -> x == a) && c.stream().anyMatch(x -> x == b));
  }
}
