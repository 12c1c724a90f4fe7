package dev.kmodlint.rules.kconfig;

import dev.kmodlint.model.KconfigModel.Definition;
import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

@RuleInfo(
    id = "kconfig/recursive-dependency",
    level = Level.ERROR,
    summary = "Dependency cycle through depends on/select/imply",
    description = "kconfig refuses a symbol that depends on itself through a chain of 'depends on', 'select',"
        + " 'imply', default values and prompt conditions ('recursive dependency detected!'). The usual"
        + " fix is to replace a select by a depends on (or the other way round) so that the chain is"
        + " broken; Documentation/kbuild/kconfig-language.rst has a section on it. The finding lists the"
        + " cycle the way kconfig prints it.",
    tags = {"kconfig", "correctness"},
    anchor = "kconfig recursive dependency detected!")
public final class RecursiveDependencyRule implements Rule {
  /** One edge: {@code from} needs {@code to}'s value; {@code how} is kconfig's wording. */
  private record Edge(String from, String to, String how, SourcePosition at) {}

  @Override
  public void check(RuleContext ctx) {
    // kconfig reads one tree at a time, from one top file, and one architecture's Kconfig in it:
    // symbols of standalone files (examples, kconfig's own tests) or of other architectures that
    // share a name must not be joined into one graph. The architectures' top files belong to the
    // top Kconfig, which sources arch/$(SRCARCH)/Kconfig.
    java.nio.file.Path top = ctx.project().root().resolve("Kconfig");
    List<Definition> main = new ArrayList<>();
    Map<String, List<Definition>> arches = new TreeMap<>();
    Map<java.nio.file.Path, List<Definition>> standalone = new TreeMap<>();
    for (Definition d : ctx.project().kconfig().definitions()) {
      String arch = architecture(ctx.project().root(), d.root());
      if (arch != null) arches.computeIfAbsent(arch, k -> new ArrayList<>()).add(d);
      else if (d.root().equals(top)) main.add(d);
      else standalone.computeIfAbsent(d.root(), k -> new ArrayList<>()).add(d);
    }
    java.util.Set<String> reported = new java.util.HashSet<>();
    if (arches.isEmpty()) check(ctx, main, reported);
    for (List<Definition> archDefs : arches.values()) {
      List<Definition> defs = new ArrayList<>(main);
      defs.addAll(archDefs);
      check(ctx, defs, reported);
    }
    for (List<Definition> defs : standalone.values()) check(ctx, defs, reported);
  }

  /** {@code x} of {@code <root>/arch/x/...}, or of {@code .../arch/x/...} when the root is above it. */
  private static String architecture(java.nio.file.Path root, java.nio.file.Path file) {
    java.nio.file.Path rel = file.startsWith(root) ? root.relativize(file) : file;
    for (int i = 0; i + 2 < rel.getNameCount(); i++) {
      if (rel.getName(i).toString().equals("arch")) return rel.getName(i + 1).toString();
    }
    return null;
  }

  private void check(RuleContext ctx, List<Definition> definitions, java.util.Set<String> reported) {
    Map<String, List<Definition>> byName = new HashMap<>();
    for (Definition d : definitions) byName.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d);
    Map<String, List<Edge>> edges = new TreeMap<>();
    for (Definition d : definitions) {
      d.allDependencies().ifPresent(e -> e.symbols().forEach(s -> add(edges, byName, d.name(), s.name(),
          "depends on", s.position())));
      for (KconfigModel.Prompt p : d.prompts()) {
        p.condition().ifPresent(e -> e.symbols().forEach(s -> add(edges, byName, d.name(), s.name(),
            "prompt is visible depending on", s.position())));
      }
      if (d.choice().isEmpty()) {
        for (KconfigModel.Default def : d.defaults()) {
          def.value().symbols().forEach(s -> add(edges, byName, d.name(), s.name(), "default value contains", s.position()));
          def.condition().ifPresent(e -> e.symbols().forEach(s -> add(edges, byName, d.name(), s.name(),
              "default is visible depending on", s.position())));
        }
      }
      for (KconfigModel.Select sel : d.selects()) {
        add(edges, byName, sel.target(), d.name(), sel.imply() ? "is implied by" : "is selected by", sel.position());
      }
    }
    for (List<String> scc : stronglyConnected(edges)) {
      List<Edge> cycle = cycle(scc, edges);
      if (cycle.isEmpty()) continue;
      StringBuilder msg = new StringBuilder("recursive dependency detected: ");
      List<Finding.Related> related = new ArrayList<>();
      for (Edge e : cycle) {
        String step = "symbol " + e.from() + " " + e.how() + " " + e.to();
        if (related.size() > 0) msg.append(", ");
        msg.append(step);
        related.add(new Finding.Related(e.at(), step));
      }
      SourcePosition at = byName.get(cycle.get(0).from()).get(0).position();
      String text = msg.append("; kconfig refuses this configuration").toString();
      if (reported.add(at + text)) ctx.report(at, text, related);
    }
  }

  private static void add(Map<String, List<Edge>> edges, Map<String, List<Definition>> byName, String from, String to,
      String how, SourcePosition at) {
    if (!byName.containsKey(from) || !byName.containsKey(to)) return;
    edges.computeIfAbsent(from, k -> new ArrayList<>()).add(new Edge(from, to, how, at));
  }

  /** Tarjan's algorithm, iterative; components of one node count only with a self-edge. */
  private static List<List<String>> stronglyConnected(Map<String, List<Edge>> edges) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    java.util.Set<String> onStack = new java.util.HashSet<>();
    List<List<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String root : edges.keySet()) {
      if (index.containsKey(root)) continue;
      Deque<Object[]> work = new ArrayDeque<>(); // {node, next edge index}
      work.push(new Object[] {root, 0});
      index.put(root, counter[0]);
      low.put(root, counter[0]++);
      stack.push(root);
      onStack.add(root);
      while (!work.isEmpty()) {
        Object[] frame = work.peek();
        String v = (String) frame[0];
        List<Edge> out2 = edges.getOrDefault(v, List.of());
        int i = (Integer) frame[1];
        if (i < out2.size()) {
          frame[1] = i + 1;
          String w = out2.get(i).to();
          if (!index.containsKey(w)) {
            index.put(w, counter[0]);
            low.put(w, counter[0]++);
            stack.push(w);
            onStack.add(w);
            work.push(new Object[] {w, 0});
          } else if (onStack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          String parent = (String) work.peek()[0];
          low.put(parent, Math.min(low.get(parent), low.get(v)));
        }
        if (low.get(v).equals(index.get(v))) {
          List<String> comp = new ArrayList<>();
          String w;
          do {
            w = stack.pop();
            onStack.remove(w);
            comp.add(w);
          } while (!w.equals(v));
          boolean selfLoop = edges.getOrDefault(v, List.of()).stream().anyMatch(e -> e.to().equals(v));
          if (comp.size() > 1 || selfLoop) out.add(comp);
        }
      }
    }
    return out;
  }

  /** A shortest cycle through the component's first symbol by name, found breadth first. */
  private static List<Edge> cycle(List<String> scc, Map<String, List<Edge>> edges) {
    TreeSet<String> members = new TreeSet<>(scc);
    String start = members.first();
    Map<String, Edge> via = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String v = queue.poll();
      for (Edge e : edges.getOrDefault(v, List.of())) {
        if (!members.contains(e.to())) continue;
        if (e.to().equals(start)) {
          List<Edge> path = new ArrayList<>();
          path.add(e);
          for (String x = v; !x.equals(start); x = via.get(x).from()) path.add(0, via.get(x));
          return path;
        }
        if (!via.containsKey(e.to())) {
          via.put(e.to(), e);
          queue.add(e.to());
        }
      }
    }
    return List.of();
  }
}
