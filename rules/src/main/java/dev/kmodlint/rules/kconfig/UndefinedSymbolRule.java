package dev.kmodlint.rules.kconfig;

import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "kconfig/undefined-symbol",
    level = Level.WARNING,
    summary = "depends on/select/imply/default/if references a symbol defined nowhere",
    description = "kconfig takes a name it cannot find as a constant symbol that is never set, so"
        + " 'depends on FOO' hides the entry for good and 'select FOO' does nothing, without a warning."
        + " Symbols of the kernel kmodlint knows (linux-source-6.1: HAS_IOMEM, I2C, REGMAP_I2C...) count"
        + " as defined.",
    tags = {"kconfig", "correctness"},
    anchor = "scripts/checkkconfigsymbols.py")
public final class UndefinedSymbolRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    KnownConfigSymbols symbols = new KnownConfigSymbols(ctx.project());
    for (KconfigModel.Reference r : ctx.project().kconfig().references()) {
      if (symbols.defined(r.symbol())) continue;
      String how = switch (r.kind()) {
        case SELECT -> "selected";
        case IMPLY -> "implied";
        default -> "referenced";
      };
      ctx.report(r.position(), r.symbol() + " is " + how + " but defined by no Kconfig (neither scanned nor of "
          + ctx.project().kconfig().kernelRelease() + "): kconfig takes it as a symbol that is never set");
    }
  }
}
