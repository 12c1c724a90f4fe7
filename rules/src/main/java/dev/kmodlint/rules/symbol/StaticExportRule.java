package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.ExportDecl;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "symbol/static-export",
    level = Level.ERROR,
    summary = "EXPORT_SYMBOL* of a static function or variable",
    description = "A static symbol has no linkage outside its file: exporting it makes no sense, and"
        + " Kbuild's check-local-export stops the build ('local symbol ... was exported'). Remove"
        + " 'static' if other modules need it, or the export if they do not.",
    tags = {"symbol", "correctness"},
    anchor = "kbuild check-local-export")
public final class StaticExportRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (SourceFile f : ctx.project().files()) {
      for (ExportDecl e : f.code().exports()) {
        if (!e.active() || !e.position().file().equals(f.path())) continue;
        Optional<SourcePosition> at = staticDeclaration(f, e.symbol());
        at.ifPresent(p -> ctx.report(e.position(), e.symbol() + " is static: it cannot be exported"
            + " (kbuild: local symbol was exported); drop 'static' or the export",
            List.of(new Finding.Related(p, "declared static here"))));
      }
    }
  }

  /**
   * The static declaration of {@code name} when the file gives it internal linkage: a static
   * declaration and no non-static definition (a header's static inline stub for another
   * configuration beside a real definition is not one).
   */
  private static Optional<SourcePosition> staticDeclaration(SourceFile f, String name) {
    Optional<SourcePosition> stat = Optional.empty();
    for (CFunction fn : f.code().functions()) {
      if (!fn.name().equals(name)) continue;
      if (!fn.isStatic() && fn.definition()) return Optional.empty();
      if (fn.isStatic() && fn.active() && stat.isEmpty()) stat = Optional.of(fn.position());
    }
    for (CVariable v : f.code().variables()) {
      if (!v.name().equals(name)) continue;
      if (!v.isStatic() && v.definition()) return Optional.empty();
      if (v.isStatic() && v.active() && stat.isEmpty()) stat = Optional.of(v.position());
    }
    return stat;
  }
}
