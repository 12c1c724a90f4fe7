package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.HashSet;
import java.util.Set;

@RuleInfo(
    id = "symbol/namespace-import-unused",
    level = Level.WARNING,
    summary = "MODULE_IMPORT_NS of a namespace none of whose symbols the module uses",
    description = "An import that nothing needs is left over from removed code or names the wrong"
        + " namespace (the one actually needed is then missing too). 'make nsdeps' removes such"
        + " imports.",
    tags = {"symbol", "namespace", "maintainability"},
    anchor = "make nsdeps")
public final class NamespaceImportUnusedRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Set<String> reported = new HashSet<>();
      for (ModInfo imp : m.modInfo("import_ns")) {
        if (!imp.active() || !imp.resolved()) continue;
        // a namespace the module uses, imported in the form this kernel does not take, is
        // symbol/namespace-syntax's business
        String ns = imp.value();
        if (ctx.symbols().namespacesUsed(m).containsKey(ns) || !reported.add(ns)) continue;
        if (!ctx.symbols().headersKnown()) {
          SymbolFindings.skipWithoutHeaders(ctx, m, "namespace use");
          break;
        }
        if (ctx.skipWhenIncomplete(m, "namespace imports")) break;
        ctx.report(imp.position(), "module " + m.name() + " imports namespace " + ns
            + " but uses none of its symbols: remove " + SymbolFindings.importStatement(ctx, ns) + " or check the name");
      }
    }
  }
}
