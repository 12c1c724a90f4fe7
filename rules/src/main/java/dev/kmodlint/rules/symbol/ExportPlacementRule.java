package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.ExportDecl;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "symbol/export-placement",
    level = Level.NOTE,
    summary = "EXPORT_SYMBOL* does not immediately follow its definition",
    description = "Kernel style (Documentation/process/coding-style.rst, checkpatch EXPORT_SYMBOL) puts"
        + " EXPORT_SYMBOL(foo) on the line right after the closing brace of foo, or after the"
        + " declaration of an exported variable, so that a reader sees at once what is exported.",
    tags = {"symbol", "style"},
    anchor = "checkpatch EXPORT_SYMBOL")
public final class ExportPlacementRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (SourceFile f : ctx.project().files()) {
      if (!f.path().toString().endsWith(".c")) continue;
      for (ExportDecl e : f.code().exports()) {
        if (e.followsDefinition() || !e.position().file().equals(f.path())) continue;
        ctx.report(e.position(), "EXPORT_SYMBOL of " + e.symbol()
            + " should immediately follow its function or variable (checkpatch)");
      }
    }
  }
}
