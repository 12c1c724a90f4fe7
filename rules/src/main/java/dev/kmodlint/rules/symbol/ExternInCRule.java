package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "symbol/extern-in-c",
    level = Level.NOTE,
    summary = "extern function prototype in a .c file",
    description = "A prototype written in the .c file that uses the function is not checked against"
        + " the definition: when the definition changes, the caller still compiles and breaks at run"
        + " time. Declare it once in a header that both the definer and the users include (checkpatch"
        + " AVOID_EXTERNS).",
    tags = {"symbol", "style", "maintainability"},
    anchor = "checkpatch AVOID_EXTERNS")
public final class ExternInCRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (SourceFile f : ctx.project().files()) {
      if (!f.path().toString().endsWith(".c")) continue;
      for (CFunction fn : f.code().functions()) {
        if (!fn.isExtern() || fn.definition() || fn.fromMacro() || !fn.position().file().equals(f.path())) continue;
        ctx.report(fn.position(), "extern prototype of " + fn.name() + "() in a .c file: declare it in a header"
            + " shared with its definition, so that the compiler checks both agree");
      }
    }
  }
}
