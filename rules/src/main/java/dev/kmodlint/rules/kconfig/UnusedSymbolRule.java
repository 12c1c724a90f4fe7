package dev.kmodlint.rules.kconfig;

import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleInfo(
    id = "kconfig/unused-symbol",
    level = Level.NOTE,
    summary = "A symbol defined but used by no Makefile, Kconfig or source",
    description = "A Kconfig symbol that no Makefile (obj-$(CONFIG_X), ifdef), no other Kconfig entry"
        + " (depends on, select, default, if) and no scanned C file (#ifdef, IS_ENABLED, a value) uses,"
        + " and that selects nothing itself, has no effect: setting it changes nothing in the build."
        + " Usually left over after the code using it was removed or renamed.",
    tags = {"kconfig", "maintenance"},
    precision = "medium")
public final class UnusedSymbolRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    KconfigModel k = ctx.project().kconfig();
    Set<String> used = new HashSet<>();
    for (KconfigModel.Reference r : k.references()) used.add(r.symbol());
    for (KconfigModel.SourceReference r : k.sourceReferences()) {
      used.add(r.symbol());
      if (r.symbol().endsWith("_MODULE")) used.add(r.symbol().substring(0, r.symbol().length() - 7));
    }
    for (KbuildModel.Makefile m : ctx.project().kbuild().makefiles()) {
      for (KbuildModel.ConfigUse u : m.configUses()) used.add(u.symbol());
    }
    for (Map.Entry<String, List<KconfigModel.Definition>> e : k.byName().entrySet()) {
      if (used.contains(e.getKey())) continue;
      List<KconfigModel.Definition> defs = e.getValue();
      if (defs.stream().anyMatch(d -> !d.selects().isEmpty())) continue;
      ctx.report(defs.get(0).position(), e.getKey() + " is used by no Makefile, Kconfig entry or scanned source"
          + " and selects nothing: setting it has no effect");
    }
  }
}
