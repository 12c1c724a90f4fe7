package dev.kmodlint.rules.kbuild;

import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.Map;

@RuleInfo(
    id = "kbuild/deprecated-variable",
    level = Level.WARNING,
    summary = "EXTRA_CFLAGS, EXTRA_AFLAGS, EXTRA_LDFLAGS",
    description = "EXTRA_CFLAGS, EXTRA_AFLAGS, EXTRA_LDFLAGS and EXTRA_CPPFLAGS are the old names of"
        + " ccflags-y, asflags-y, ldflags-y and cppflags-y; Kbuild still reads them for compatibility"
        + " and checkpatch reports them as DEPRECATED_VARIABLE.",
    tags = {"kbuild", "style"},
    anchor = "checkpatch DEPRECATED_VARIABLE")
public final class DeprecatedVariableRule implements Rule {
  private static final Map<String, String> REPLACEMENTS = Map.of(
      "EXTRA_CFLAGS", "ccflags-y",
      "EXTRA_AFLAGS", "asflags-y",
      "EXTRA_LDFLAGS", "ldflags-y",
      "EXTRA_CPPFLAGS", "cppflags-y");

  @Override
  public void check(RuleContext ctx) {
    for (KbuildModel.Makefile m : ctx.project().kbuild().makefiles()) {
      for (KbuildModel.Assignment a : m.assignments()) {
        String replacement = REPLACEMENTS.get(a.variable());
        if (replacement != null) {
          ctx.report(a.position(), a.variable() + " is deprecated; use " + replacement);
        }
      }
    }
  }
}
