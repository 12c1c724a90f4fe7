package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.symbols.SymbolResolution;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "symbol/gpl-only",
    level = Level.ERROR,
    summary = "A module whose license is not GPL-compatible uses a GPL-only symbol",
    description = "Symbols exported with EXPORT_SYMBOL_GPL may only be used by modules whose MODULE_LICENSE"
        + " is one of the GPL-compatible idents of include/linux/license.h (compared exactly: \"GPLv2\""
        + " counts as proprietary). modpost stops the build with 'GPL-incompatible module ... uses"
        + " GPL-only symbol'. Most such uses hide behind header macros and inline functions"
        + " (module_platform_driver -> __platform_driver_register); kmodlint follows them through the"
        + " kernel header index.",
    tags = {"symbol", "license", "modpost", "correctness"},
    anchor = "modpost ERROR GPL-incompatible module uses GPL-only symbol")
public final class GplOnlyRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Optional<ModInfo> lic = SymbolFindings.incompatibleLicense(ctx, m);
      if (lic.isEmpty()) continue;
      SymbolResolution symbols = ctx.symbols();
      if (!symbols.headersKnown()) SymbolFindings.skipWithoutHeaders(ctx, m, "GPL-only use", Level.WARNING);
      for (SymbolResolution.Need n : symbols.needs(m)) {
        if (n.provider().isEmpty() || !n.provider().get().gplOnly()) continue;
        SymbolResolution.Provider p = n.provider().get();
        List<Finding.Related> related = new java.util.ArrayList<>(SymbolFindings.exportSite(p));
        related.add(new Finding.Related(lic.get().position(), "the module's license: \"" + lic.get().value() + "\""));
        ctx.report(n.at(), "module " + m.name() + " (MODULE_LICENSE(\"" + lic.get().value()
            + "\"), not GPL-compatible) uses GPL-only symbol " + p.symbol() + SymbolFindings.through(n)
            + ", exported by " + SymbolFindings.exporter(ctx, p) + ": modpost refuses to build it", related);
      }
    }
  }
}
