package dev.kmodlint.cli;

import dev.kmodlint.model.Module;
import dev.kmodlint.symbols.SymbolResolution;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmodlint deps}: the dependency graph of the scanned modules through their exports, and its cycles. */
@Command(name = "deps", mixinStandardHelpOptions = true,
    description = "Print the module dependency graph (which module uses which module's exports) and its cycles.")
final class DepsCommand extends ModuleScan {

  enum Format { text, dot }

  @Option(names = "--format", defaultValue = "text", description = "text (default) or dot (Graphviz)")
  Format format;

  @Override
  int print(Scan s, PrintWriter out) throws IOException {
    SymbolResolution symbols = s.symbols();
    List<Module> modules = s.result().project().modules();
    List<List<Module>> cycles = symbols.cycles(modules);
    if (format == Format.dot) {
      out.println("digraph modules {");
      out.println("  rankdir=LR;");
      for (Module m : modules) out.println("  " + dotId(m.name()) + ";");
      for (Module m : modules)
        for (Map.Entry<Module, List<String>> e : edges(symbols, m))
          out.println("  " + dotId(m.name()) + " -> " + dotId(e.getKey().name()) + " [label="
              + dotLabel(e.getValue()) + (inCycle(cycles, m, e.getKey()) ? ", color=red" : "") + "];");
      for (Module m : modules)
        for (String k : symbols.kernelDependencies(m))
          out.println("  " + dotId(m.name()) + " -> " + dotId(k) + " [style=dashed];");
      out.println("}");
    } else {
      for (Module m : modules) {
        List<Map.Entry<Module, List<String>>> edges = edges(symbols, m);
        List<String> kernel = symbols.kernelDependencies(m);
        out.println(Terminal.printable(m.name()) + (edges.isEmpty() && kernel.isEmpty() ? ": (no module dependencies)"
            : ":"));
        for (Map.Entry<Module, List<String>> e : edges)
          out.println("  -> " + Terminal.printable(e.getKey().name() + " (" + String.join(", ", e.getValue()) + ")"));
        if (!kernel.isEmpty()) out.println("  -> kernel modules: " + Terminal.printable(String.join(", ", kernel)));
      }
      for (List<Module> c : cycles) {
        List<String> names = new ArrayList<>(c.stream().map(Module::name).toList());
        names.add(names.get(0));
        out.println("cycle: " + Terminal.printable(String.join(" -> ", names)));
      }
    }
    return cycles.isEmpty() ? Main.OK : Main.FINDINGS;
  }

  /**
   * A DOT ID for a module name, quoted: in a quoted DOT string {@code \"} is the one escape, and
   * Graphviz then reads a label's backslashes as escapes of its own ({@code \n}, {@code \l}), so a
   * backslash is doubled, a quote escaped and a line break written {@code \n}. A node's name and
   * its label, which defaults to the name, then both come out as the module is called.
   */
  static String dotId(String name) {
    StringBuilder sb = new StringBuilder(name.length() + 2).append('"');
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c == '\n') sb.append("\\n");
      else if (c == '\r') sb.append("\\r");
      else sb.append(c);
    }
    return sb.append('"').toString();
  }

  /** The symbols of an edge, one per line of its label. */
  private static String dotLabel(List<String> symbols) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < symbols.size(); i++) {
      if (i > 0) sb.append("\\n");
      String q = dotId(symbols.get(i));
      sb.append(q, 1, q.length() - 1);
    }
    return sb.append('"').toString();
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
