package dev.kmodlint.compose;

import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.KconfigModel.Definition;
import dev.kmodlint.model.KconfigModel.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Out of the kernel tree, whether a {@code CONFIG_} gate that only the package's own Kconfig
 * defines can be set at all for the target kernel. kbuild takes an external module's
 * {@code CONFIG_} values from the kernel's {@code .config}, which never has the package's own
 * symbols: {@code obj-$(CONFIG_MYDRV)} builds only when the user passes {@code CONFIG_MYDRV=m}
 * to make, and kmodlint analyzes such a module as built. But a symbol whose own Kconfig makes it
 * depend on something the kernel's .config leaves unset ({@code depends on DRM_EVDI && KUNIT}
 * with KUNIT off in Debian's kernel) cannot be set for that kernel by any configuration: its
 * module is not built, and is not analyzed as if it were.
 *
 * <p>Values are kconfig's tristate with a fourth, unknown: a symbol of the kernel's Kconfig is
 * its .config value ({@code n} when absent, as kconfig has it), a symbol of the package is
 * unknown unless every definition's dependencies are {@code n} and nothing selects or implies
 * it, and a name that neither defines (a typo) is unknown.
 */
final class OwnKconfigGates {
  private enum V { N, M, Y, UNKNOWN }

  private final Map<String, List<Definition>> definitions = new HashMap<>();
  private final Set<String> selected = new HashSet<>();
  private final Map<String, String> kernelConfig;
  private final Map<String, KconfigModel.Type> kernelSymbols;
  private final Map<String, V> values = new HashMap<>();

  /**
   * @param kernelConfig the target kernel's {@code CONFIG_X -> y|m}; a symbol absent is not set.
   */
  OwnKconfigGates(KconfigModel model, Map<String, String> kernelConfig) {
    for (Definition d : model.definitions()) {
      definitions.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d);
      for (KconfigModel.Select s : d.selects()) selected.add(s.target());
    }
    this.kernelConfig = kernelConfig;
    this.kernelSymbols = model.kernelSymbols();
  }

  /**
   * Why {@code config} ({@code CONFIG_FOO}) cannot be set for the kernel: the dependency of its
   * own Kconfig definition that the kernel's .config leaves unset, with where it is written;
   * empty when it can be set, when the package's Kconfig does not define it, or when kmodlint
   * cannot tell.
   */
  Optional<String> unreachable(String config) {
    String name = KconfigModel.symbolName(config);
    List<Definition> defs = definitions.get(name);
    if (defs == null || kernelConfig.containsKey(config) || value(name) != V.N) return Optional.empty();
    Definition d = defs.get(0);
    String because = d.allDependencies().map(Expr::text).orElse("n");
    for (Expr c : d.allDependencies().map(Expr::conjuncts).orElse(List.of()))
      if (eval(c) == V.N) {
        because = c.text();
        break;
      }
    return Optional.of(name + " (" + d.position().file().getFileName() + ":" + d.position().line()
        + ") depends on " + because + ", which the kernel's .config does not set");
  }

  private V value(String name) {
    V known = values.get(name);
    if (known != null) return known;
    List<Definition> defs = definitions.get(name);
    if (defs == null) {
      // a name neither Kconfig defines (a typo kconfig/undefined-symbol reports) is not decided here
      if (!kernelSymbols.containsKey(name)) return V.UNKNOWN;
      String v = kernelConfig.get(KconfigModel.PREFIX + name);
      return "y".equals(v) ? V.Y : "m".equals(v) ? V.M : V.N;
    }
    values.put(name, V.UNKNOWN); // a dependency cycle: not decided here
    V out = V.N;
    if (selected.contains(name)) out = V.UNKNOWN;
    for (Definition d : defs) if (d.allDependencies().map(this::eval).orElse(V.UNKNOWN) != V.N) out = V.UNKNOWN;
    values.put(name, out);
    return out;
  }

  private V eval(Expr e) {
    if (e instanceof KconfigModel.Sym s) {
      if (s.quoted()) return V.UNKNOWN;
      switch (s.name()) {
        case "y": return V.Y;
        case "m": return V.M;
        case "n": return V.N;
        default: return s.constant() ? V.UNKNOWN : value(s.name());
      }
    }
    if (e instanceof KconfigModel.Not n) {
      V v = eval(n.operand());
      return v == V.N ? V.Y : v == V.Y ? V.N : v;
    }
    if (e instanceof KconfigModel.And a) {
      V l = eval(a.left());
      V r = eval(a.right());
      if (l == V.N || r == V.N) return V.N;
      if (l == V.UNKNOWN || r == V.UNKNOWN) return V.UNKNOWN;
      return l == V.M || r == V.M ? V.M : V.Y;
    }
    if (e instanceof KconfigModel.Or o) {
      V l = eval(o.left());
      V r = eval(o.right());
      if (l == V.Y || r == V.Y) return V.Y;
      if (l == V.UNKNOWN || r == V.UNKNOWN) return V.UNKNOWN;
      return l == V.M || r == V.M ? V.M : V.N;
    }
    return V.UNKNOWN; // comparisons: not decided here
  }
}
