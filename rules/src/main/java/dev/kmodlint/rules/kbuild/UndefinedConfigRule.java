package dev.kmodlint.rules.kbuild;

import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.rules.kconfig.KnownConfigSymbols;

@RuleInfo(
    id = "kbuild/undefined-config",
    level = Level.WARNING,
    summary = "obj-$(CONFIG_X) / ifdef CONFIG_X names a symbol defined in no scanned Kconfig and unknown to the kernel",
    description = "A CONFIG_X that no Kconfig defines is never set, so obj-$(CONFIG_X) builds nothing and"
        + " ifdef CONFIG_X is always false; usually a typo or a Kconfig symbol renamed (CONFIG_FOO_DIR for"
        + " FOO). Symbols of the kernel kmodlint knows (linux-source-6.1) count as defined, and so do"
        + " CONFIG_ variables a scanned Makefile assigns.",
    tags = {"kbuild", "kconfig", "correctness"},
    anchor = "scripts/checkkconfigsymbols.py")
public final class UndefinedConfigRule implements Rule {
  /** Make variables the kernel's top Makefile sets and exports under a CONFIG_ name. */
  private static final java.util.Set<String> KBUILD_VARIABLES = java.util.Set.of("SHELL");

  @Override
  public void check(RuleContext ctx) {
    KnownConfigSymbols symbols = new KnownConfigSymbols(ctx.project());
    for (KbuildModel.Makefile m : ctx.project().kbuild().makefiles()) {
      for (KbuildModel.ConfigUse u : m.configUses()) {
        if (symbols.defined(u.symbol()) || symbols.assignedByMake(u.symbol()) || KBUILD_VARIABLES.contains(u.symbol())) {
          continue;
        }
        ctx.report(u.position(), "CONFIG_" + u.symbol() + " is defined by no Kconfig (neither scanned nor of "
            + ctx.project().kconfig().kernelRelease() + "), so it is never set" + symbols.didYouMean(u.symbol()));
      }
    }
  }
}
