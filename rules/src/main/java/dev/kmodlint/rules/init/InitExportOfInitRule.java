package dev.kmodlint.rules.init;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.ExportDecl;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;

@RuleInfo(
    id = "init/export-of-init",
    level = Level.ERROR,
    summary = "EXPORT_SYMBOL* of an __init/__exit function or __initdata",
    description = "An exported symbol can be used by other modules at any time; an __init symbol is freed"
        + " after initialisation and an __exit one is dropped when built in, so the export hands out a"
        + " dangling address. modpost warns 'EXPORT_SYMBOL used for init/exit symbol'.",
    tags = {"init", "correctness", "modpost"},
    anchor = "modpost WARNING EXPORT_SYMBOL used for init/exit symbol")
public final class InitExportOfInitRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Code code = m.code();
      for (ExportDecl e : code.exports()) {
        for (CFunction f : code.functions()) {
          if (f.definition() && f.name().equals(e.symbol()) && (f.section().isInit() || f.section().isExit()))
            report(ctx, e, f.section().annotation(), f.position());
        }
        for (CVariable v : code.variables()) {
          if (v.definition() && v.name().equals(e.symbol()) && (v.section().isInit() || v.section().isExit()))
            report(ctx, e, v.section().annotation(), v.position());
        }
      }
    }
  }

  private static void report(RuleContext ctx, ExportDecl e, String annotation, dev.kmodlint.model.SourcePosition def) {
    ctx.report(e.position(), e.symbol() + " is exported but is " + annotation + ": other modules would call"
        + " freed memory; drop " + annotation + " or the export",
        List.of(new Finding.Related(def, e.symbol() + " is " + annotation)));
  }
}
