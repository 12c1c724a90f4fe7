package dev.kmodlint.rules.kconfig;

import dev.kmodlint.model.KconfigModel.Definition;
import dev.kmodlint.model.KconfigModel.Expr;
import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.ArrayList;
import java.util.HashMap;
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
        + " link X. The selecting symbol must depend on (or select) what X depends on. kmodlint works out"
        + " which symbols are set whenever the selecting one is (its dependencies, the symbols those depend"
        + " on, what it selects, and for a symbol without a prompt what its defaults and selectors"
        + " require) and reports a dependency term of X that is not among them. When that reasoning"
        + " reaches a symbol defined only by the kernel, whose dependencies kmodlint does not embed, it"
        + " concludes nothing.",
    tags = {"kconfig", "correctness"},
    precision = "medium",
    anchor = "kconfig unmet direct dependencies")
public final class SelectUnmetDependencyRule implements Rule {
  /** How far 'A depends on B, B depends on C' is followed to find that A guarantees C. */
  private static final int MAX_DEPTH = 6;

  @Override
  public void check(RuleContext ctx) {
    KconfigModel model = ctx.project().kconfig();
    Guarantees g = new Guarantees(model);
    for (Definition s : model.definitions()) {
      for (KconfigModel.Select sel : s.selects()) {
        if (sel.imply()) continue;
        List<Definition> targets = g.byName.get(sel.target());
        if (targets == null) continue;
        Known given = g.of(s, 0);
        sel.condition().ifPresent(c -> given.add(g.ofExpr(c, 0)));
        Optional<Expr> unmet = Optional.empty();
        Definition unmetIn = null;
        boolean met = false;
        for (Definition t : targets) {
          Optional<Expr> missing = t.allDependencies().flatMap(d -> d.conjuncts().stream()
              .filter(term -> !g.satisfied(term, given)).findFirst());
          if (missing.isEmpty()) {
            met = true;
            break;
          }
          if (unmet.isEmpty()) {
            unmet = missing;
            unmetIn = t;
          }
        }
        if (met || unmet.isEmpty() || given.unknown) continue;
        ctx.report(sel.position(), s.name() + " selects " + sel.target() + ", which depends on "
            + unmet.get().text() + ", but " + s.name() + " does not depend on it: kconfig warns 'unmet direct"
            + " dependencies' when " + s.name() + " is set without it; add 'depends on " + unmet.get().text()
            + "' (or select it too)",
            List.of(new Finding.Related(unmetIn.position(), sel.target() + " is defined here")));
      }
    }
  }

  /** KnownConfigSymbols known to be set, and whether the reasoning met a symbol whose definition is not scanned. */
  private static final class Known {
    final Set<String> symbols = new HashSet<>();
    final Set<String> terms = new HashSet<>();
    boolean unknown;

    void add(Known other) {
      symbols.addAll(other.symbols);
      terms.addAll(other.terms);
      unknown |= other.unknown;
    }
  }

  private static final class Guarantees {
    final Map<String, List<Definition>> byName;
    final Map<String, Integer> kernelOnly = new HashMap<>();
    final Map<String, List<Expr>> setBy = new HashMap<>(); // target -> selector && condition
    final Set<String> kernelSymbols;
    final Map<String, Known> memo = new HashMap<>();

    Guarantees(KconfigModel model) {
      byName = model.byName();
      kernelSymbols = model.kernelSymbols().keySet();
      for (Definition d : model.definitions()) {
        for (KconfigModel.Select sel : d.selects()) {
          if (sel.imply()) continue;
          Expr self = new KconfigModel.Sym(d.name(), false, d.position());
          setBy.computeIfAbsent(sel.target(), k -> new ArrayList<>())
              .add(sel.condition().<Expr>map(c -> new KconfigModel.And(self, c)).orElse(self));
        }
      }
    }

    /** What holds whenever {@code d} is set. */
    Known of(Definition d, int depth) {
      Known k = new Known();
      k.symbols.add(d.name());
      selected(d, k.symbols, depth);
      d.allDependencies().ifPresent(e -> k.add(ofExpr(e, depth)));
      if (d.prompts().isEmpty()) {
        // without a prompt the value comes only from defaults and selects: what all of them need holds
        List<Expr> sources = new ArrayList<>();
        for (KconfigModel.Default def : d.defaults()) {
          sources.add(def.condition().<Expr>map(c -> new KconfigModel.And(def.value(), c)).orElse(def.value()));
        }
        sources.addAll(setBy.getOrDefault(d.name(), List.of()));
        Known common = null;
        for (Expr src : sources) {
          Known s = depth < MAX_DEPTH ? ofExpr(src, depth + 1) : new Known();
          if (common == null) {
            common = s;
          } else {
            common.symbols.retainAll(s.symbols);
            common.terms.retainAll(s.terms);
            common.unknown |= s.unknown;
          }
        }
        if (common != null) {
          // the alternatives' unknowns say little about this symbol: only its own chain counts
          common.unknown = false;
          k.add(common);
        }
      }
      return k;
    }

    private void selected(Definition d, Set<String> out, int depth) {
      for (KconfigModel.Select sel : d.selects()) {
        if (!sel.imply() && sel.condition().isEmpty() && out.add(sel.target()) && depth < MAX_DEPTH) {
          for (Definition t : byName.getOrDefault(sel.target(), List.of())) selected(t, out, depth + 1);
        }
      }
    }

    /** What holds whenever expression {@code e} is true. */
    Known ofExpr(Expr e, int depth) {
      Known k = new Known();
      if (e instanceof KconfigModel.And a) {
        k.add(ofExpr(a.left(), depth));
        k.add(ofExpr(a.right(), depth));
        return k;
      }
      k.terms.add(e.text());
      if (e instanceof KconfigModel.Or o) {
        Known l = ofExpr(o.left(), depth);
        Known r = ofExpr(o.right(), depth);
        l.symbols.retainAll(r.symbols);
        k.symbols.addAll(l.symbols);
        k.unknown = l.unknown || r.unknown;
        return k;
      }
      String sym = null;
      if (e instanceof KconfigModel.Sym s && !s.constant()) sym = s.name();
      if (e instanceof KconfigModel.Compare c && !c.left().constant()
          && ((c.op().equals("=") && !c.right().name().equals("n")) || (c.op().equals("!=") && c.right().name().equals("n")))) {
        sym = c.left().name();
      }
      if (sym != null) k.add(ofSymbol(sym, depth));
      return k;
    }

    private Known ofSymbol(String name, int depth) {
      Known cached = memo.get(name);
      if (cached != null) return cached;
      Known k = new Known();
      k.symbols.add(name);
      List<Definition> defs = byName.get(name);
      if (defs == null) {
        k.unknown = kernelSymbols.contains(name);
        return k;
      }
      if (depth >= MAX_DEPTH) return k;
      // with several definitions, only what each of them guarantees holds
      Known common = null;
      for (Definition d : defs) {
        Known one = of(d, depth + 1);
        if (common == null) {
          common = one;
        } else {
          common.symbols.retainAll(one.symbols);
          common.terms.retainAll(one.terms);
          common.unknown |= one.unknown;
        }
      }
      k.add(common);
      if (depth == 0) memo.put(name, k);
      return k;
    }

    /**
     * Promptless with an unconditional default y or !X (HAS_IOMEM, GENERIC_CLOCKEVENTS): set unless
     * an architecture says otherwise. An architecture's own redefinition (s390's HAS_IOMEM) is
     * that architecture's business, so the definitions outside arch/ decide when there are any.
     */
    private boolean alwaysOn(String name) {
      List<Definition> defs = byName.get(name);
      if (defs == null) return false;
      List<Definition> generic = defs.stream().filter(d -> !underArch(d)).toList();
      for (Definition d : generic.isEmpty() ? defs : generic) {
        if (!d.prompts().isEmpty()) return false;
        boolean on = d.defaults().stream().anyMatch(def -> def.condition().isEmpty()
            && ((def.value() instanceof KconfigModel.Sym s && s.name().equals("y"))
                || (def.value() instanceof KconfigModel.Not n && n.operand() instanceof KconfigModel.Sym)));
        if (!on) return false;
      }
      return true;
    }

    private static boolean underArch(Definition d) {
      java.nio.file.Path p = d.position().file();
      for (int i = 0; i + 1 < p.getNameCount(); i++) if (p.getName(i).toString().equals("arch")) return true;
      return false;
    }

    boolean satisfied(Expr term, Known given) {
      if (given.terms.contains(term.text())) return true;
      if (term instanceof KconfigModel.Sym sym) {
        if (sym.constant()) return !sym.name().equals("n");
        return given.symbols.contains(sym.name()) || alwaysOn(sym.name());
      }
      if (term instanceof KconfigModel.Or or) {
        // X || !X only limits a tristate to the other's value: it never blocks a select
        if (or.right() instanceof KconfigModel.Not n && n.operand().text().equals(or.left().text())) return true;
        if (or.left() instanceof KconfigModel.Not n && n.operand().text().equals(or.right().text())) return true;
        return satisfied(or.left(), given) || satisfied(or.right(), given);
      }
      if (term instanceof KconfigModel.And and) return satisfied(and.left(), given) && satisfied(and.right(), given);
      if (term instanceof KconfigModel.Compare c && !c.left().constant()) {
        boolean nonN = (c.op().equals("!=") && c.right().name().equals("n"))
            || (c.op().equals("=") && c.right().name().equals("m"));
        if (nonN) return given.symbols.contains(c.left().name());
      }
      return false;
    }
  }
}
