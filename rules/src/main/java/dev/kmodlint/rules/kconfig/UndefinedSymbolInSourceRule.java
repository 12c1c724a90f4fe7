package dev.kmodlint.rules.kconfig;

import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "kconfig/undefined-symbol-in-source",
    level = Level.WARNING,
    summary = "C code tests CONFIG_X/IS_ENABLED(CONFIG_X) for a symbol defined nowhere",
    description = "#ifdef CONFIG_X, #if defined(CONFIG_X), IS_ENABLED(CONFIG_X), IS_BUILTIN, IS_MODULE and"
        + " IS_REACHABLE of a symbol no Kconfig defines are always false: the code they guard is dead,"
        + " usually after a typo or a rename. CONFIG_X_MODULE names X (the build sets it when X is m);"
        + " a CONFIG_ macro #defined by a scanned file counts as defined.",
    tags = {"kconfig", "correctness"},
    anchor = "scripts/checkkconfigsymbols.py")
public final class UndefinedSymbolInSourceRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    KnownConfigSymbols symbols = new KnownConfigSymbols(ctx.project());
    for (KconfigModel.SourceReference r : ctx.project().kconfig().sourceReferences()) {
      if (!r.isTest() || symbols.definedInSource(r.symbol())) continue;
      ctx.report(r.position(), "CONFIG_" + r.symbol() + " is defined by no Kconfig (neither scanned nor of "
          + ctx.project().kconfig().kernelRelease() + "), so this test is always false" + symbols.didYouMean(r.symbol()));
    }
  }
}
