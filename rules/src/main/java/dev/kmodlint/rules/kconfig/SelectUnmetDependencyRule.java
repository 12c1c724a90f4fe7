package dev.kmodlint.rules.kconfig;

import dev.kmodlint.engine.Finding;
import dev.kmodlint.engine.Rule;
import dev.kmodlint.engine.RuleContext;
import dev.kmodlint.engine.RuleInfo;
import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.KconfigModel.Definition;
import dev.kmodlint.model.KconfigModel.Expr;
import dev.kmodlint.model.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@RuleInfo(
    id = "kconfig/select-unmet-dependency",
    level = Level.WARNING,
    summary = "select X where X depends on something the selecting symbol does not guarantee",
    description = "select forces X on without looking at X's dependencies: when they are not met, kconfig"
        + " warns 'unmet direct dependencies detected for X' and the build may then fail to compile or"
        + " link X. The selecting symbol must depend on (or select) what X depends on. kmodlint compares"
        + " the conditions as written: each 'depends on' term of X (and of the if/menu blocks around it)"
        + " must appear among the selecting symbol's own terms or those of the symbols it depends on or"
        + " selects. X defined only by the kernel is not checked (its dependencies are not embedded).",
    tags = {"kconfig", "correctness"},
    precision = "medium",
    anchor = "kconfig unmet direct dependencies")
public final class SelectUnmetDependencyRule implements Rule {
  /** How far 'A depends on B, B depends on C' is followed to find that A guarantees C. */
  private static final int MAX_DEPTH = 4;

  @Override
  public void check(RuleContext ctx) {
    Map<String, List<Definition>> byName = ctx.project().kconfig().byName();
    for (Definition s : ctx.project().kconfig().definitions()) {
      for (KconfigModel.Select sel : s.selects()) {
        if (sel.imply()) continue;
        List<Definition> targets = byName.get(sel.target());
        if (targets == null) continue;
        Set<String> given = new HashSet<>();
        given.add(s.name());
        Set<String> terms = new HashSet<>();
        guaranteed(s, byName, given, terms, 0);
        sel.condition().ifPresent(c -> addTerms(c, given, terms, byName));
        Optional<Expr> unmet = Optional.empty();
        Definition unmetIn = null;
        boolean met = false;
        for (Definition t : targets) {
          Optional<Expr> deps = t.allDependencies();
          Optional<Expr> missing = deps.flatMap(d -> d.conjuncts().stream()
              .filter(term -> !satisfied(term, given, terms)).findFirst());
          if (missing.isEmpty()) {
            met = true;
            break;
          }
          if (unmet.isEmpty()) {
            unmet = missing;
            unmetIn = t;
          }
        }
        if (met || unmet.isEmpty()) continue;
        ctx.report(sel.position(), s.name() + " selects " + sel.target() + ", which depends on "
            + unmet.get().text() + ", but " + s.name() + " does not depend on it: kconfig warns 'unmet direct"
            + " dependencies' when " + s.name() + " is set without it; add 'depends on " + unmet.get().text()
            + "' (or select it too)",
            List.of(new Finding.Related(unmetIn.position(), sel.target() + " is defined here")));
      }
    }
  }

  /** The symbols and terms that hold whenever {@code d} is set: its dependencies and selects, transitively. */
  private static void guaranteed(Definition d, Map<String, List<Definition>> byName, Set<String> given,
      Set<String> terms, int depth) {
    selected(d, byName, given, depth);
    d.allDependencies().ifPresent(e -> {
      for (Expr term : e.conjuncts()) {
        terms.add(term.text());
        if (term instanceof KconfigModel.Sym sym && !sym.constant() && given.add(sym.name()) && depth < MAX_DEPTH) {
          List<Definition> defs = byName.getOrDefault(sym.name(), List.of());
          // only a symbol defined once guarantees its own dependencies
          if (defs.size() == 1) guaranteed(defs.get(0), byName, given, terms, depth + 1);
        }
      }
    });
  }

  /** What {@code d} selects is set with it, and what those select; not their dependencies. */
  private static void selected(Definition d, Map<String, List<Definition>> byName, Set<String> given, int depth) {
    for (KconfigModel.Select sel : d.selects()) {
      if (!sel.imply() && sel.condition().isEmpty() && given.add(sel.target()) && depth < MAX_DEPTH) {
        for (Definition t : byName.getOrDefault(sel.target(), List.of())) selected(t, byName, given, depth + 1);
      }
    }
  }

  private static void addTerms(Expr e, Set<String> given, Set<String> terms, Map<String, List<Definition>> byName) {
    for (Expr term : e.conjuncts()) {
      terms.add(term.text());
      if (term instanceof KconfigModel.Sym sym && !sym.constant() && given.add(sym.name())) {
        List<Definition> defs = byName.getOrDefault(sym.name(), List.of());
        if (defs.size() == 1) guaranteed(defs.get(0), byName, given, terms, 1);
      }
    }
  }

  private static boolean satisfied(Expr term, Set<String> given, Set<String> terms) {
    if (terms.contains(term.text())) return true;
    if (term instanceof KconfigModel.Sym sym) return sym.constant() ? !sym.name().equals("n") : given.contains(sym.name());
    if (term instanceof KconfigModel.Or or) {
      // X || !X only limits a tristate to the other's value: it never blocks a select
      if (or.right() instanceof KconfigModel.Not n && n.operand().text().equals(or.left().text())) return true;
      if (or.left() instanceof KconfigModel.Not n && n.operand().text().equals(or.right().text())) return true;
      return satisfied(or.left(), given, terms) || satisfied(or.right(), given, terms);
    }
    if (term instanceof KconfigModel.And and) return satisfied(and.left(), given, terms) && satisfied(and.right(), given, terms);
    if (term instanceof KconfigModel.Compare c) {
      // FOO != n and FOO = y|m are what FOO alone guarantees
      if (c.op().equals("!=") && c.right().name().equals("n")) return given.contains(c.left().name());
    }
    return false;
  }
}
