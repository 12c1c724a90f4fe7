package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.NamespaceConventions;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.symbols.SymbolResolution;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@RuleInfo(
    id = "symbol/namespace-not-imported",
    level = Level.ERROR,
    summary = "Uses a symbol exported in a namespace the module does not import",
    description = "A symbol exported with EXPORT_SYMBOL_NS[_GPL](sym, NS) (or under DEFAULT_SYMBOL_NAMESPACE)"
        + " may only be used by a module that says MODULE_IMPORT_NS(NS) (a bare token up to 6.12, a"
        + " string literal from 6.13, as the target kernel's headers take it). modpost refuses the module"
        + " otherwise; 'make nsdeps' adds the import. A namespace a kernel header imports itself (6.12's"
        + " <linux/pwm.h> imports PWM) is not reported.",
    tags = {"symbol", "namespace", "modpost", "correctness"},
    anchor = "modpost ERROR module uses symbol from namespace, but does not import it")
public final class NamespaceNotImportedRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    NamespaceConventions conventions = ctx.kernel().headers().namespaces();
    for (Module m : ctx.project().modules()) {
      Set<String> imported = imports(ctx, m);
      for (Map.Entry<String, List<SymbolResolution.Need>> e : ctx.symbols().namespacesUsed(m).entrySet()) {
        String ns = e.getKey();
        if (imported.contains(ns)) continue;
        if (conventions.importedByHeaders(ns)) {
          // 6.12's <linux/pwm.h> says MODULE_IMPORT_NS(PWM) itself: every module that calls pwm_get() includes it
          ctx.skip(e.getValue().get(0).at(), "module " + m.name() + " uses namespace " + ns + ", which <"
              + String.join(">, <", conventions.headersImporting(ns)) + "> of " + ctx.kernel().description()
              + " imports itself: a module that includes it needs no MODULE_IMPORT_NS, so it is not reported");
          continue;
        }
        for (SymbolResolution.Need n : e.getValue()) {
          SymbolResolution.Provider p = n.provider().get();
          List<Finding.Related> related = SymbolFindings.exportSite(p);
          ctx.report(n.at(), "module " + m.name() + " uses symbol " + p.symbol() + SymbolFindings.through(n)
              + " from namespace " + ns + " (exported by " + SymbolFindings.exporter(ctx, p)
              + ") but does not import it: add " + SymbolFindings.importStatement(ctx, ns), related);
        }
      }
    }
  }

  /** The namespaces the module imports on the target kernel (see {@link SymbolFindings#importedNamespace}). */
  static Set<String> imports(RuleContext ctx, Module m) {
    return m.modInfo("import_ns").stream().filter(ModInfo::active).filter(ModInfo::resolved)
        .map(i -> SymbolFindings.importedNamespace(ctx, i)).collect(Collectors.toSet());
  }
}
