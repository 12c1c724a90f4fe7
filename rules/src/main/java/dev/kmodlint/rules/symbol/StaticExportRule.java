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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
      Map<String, List<CFunction>> functions = null;
      Map<String, List<CVariable>> variables = null;
      for (ExportDecl e : f.code().exports()) {
        if (!e.active() || !e.position().file().equals(f.path())) continue;
        if (functions == null) {
          // by name, once per file: a file of many exports and of many declarations (its headers'
          // among them) was looked through once per export, a third of the rules of a whole tree
          functions = new HashMap<>();
          for (CFunction fn : f.code().functions()) functions.computeIfAbsent(fn.name(), k -> new ArrayList<>()).add(fn);
          variables = new HashMap<>();
          for (CVariable v : f.code().variables()) variables.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
        }
        Optional<SourcePosition> at = staticDeclaration(functions.getOrDefault(e.symbol(), List.of()),
            variables.getOrDefault(e.symbol(), List.of()));
        at.ifPresent(p -> ctx.report(e.position(), e.symbol() + " is static: it cannot be exported"
            + " (kbuild: local symbol was exported); drop 'static' or the export",
            List.of(new Finding.Related(p, "declared static here"))));
      }
    }
  }

  /**
   * The static declaration of a name, given the file's functions and variables of that name in
   * file order, when the file gives it internal linkage: a static declaration and no non-static
   * definition (a header's static inline stub for another configuration beside a real
   * definition is not one).
   */
  private static Optional<SourcePosition> staticDeclaration(List<CFunction> functions, List<CVariable> variables) {
    Optional<SourcePosition> stat = Optional.empty();
    for (CFunction fn : functions) {
      if (!fn.isStatic() && fn.definition()) return Optional.empty();
      if (fn.isStatic() && fn.active() && stat.isEmpty()) stat = Optional.of(fn.position());
    }
    for (CVariable v : variables) {
      if (!v.isStatic() && v.definition()) return Optional.empty();
      if (v.isStatic() && v.active() && stat.isEmpty()) stat = Optional.of(v.position());
    }
    return stat;
  }
}
