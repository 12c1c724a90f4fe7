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
        if (ctx.symbols().namespacesUsed(m).containsKey(imp.value()) || !reported.add(imp.value())) continue;
        if (!ctx.symbols().headersKnown()) {
          SymbolFindings.skipWithoutHeaders(ctx, m, "namespace use", Level.NOTE);
          break;
        }
        if (ctx.skipWhenIncomplete(m, "namespace imports")) break;
        ctx.report(imp.position(), "module " + m.name() + " imports namespace " + imp.value()
            + " but uses none of its symbols: remove MODULE_IMPORT_NS(" + imp.value() + ") or check the name");
      }
    }
  }
}
