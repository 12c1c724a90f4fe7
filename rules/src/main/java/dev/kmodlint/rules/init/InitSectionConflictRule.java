package dev.kmodlint.rules.init;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "init/section-conflict",
    level = Level.ERROR,
    summary = "Data given a code section (__init, __exit, __ref) in a file whose functions use that section",
    description = "A variable marked __init lands in .init.text with the file's __init functions; gcc cannot"
        + " put data and code in one section and stops with 'section type conflict'. Data takes __initdata"
        + " (__initconst when const).",
    tags = {"init", "correctness"},
    anchor = "compiler error: section type conflict")
public final class InitSectionConflictRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (SourceFile f : ctx.project().files()) {
      for (CVariable v : f.code().variables()) {
        if (!v.section().isCode() || v.annotationAt().isEmpty() || v.fromMacro()
            || !v.position().file().equals(f.path())) continue;
        Optional<CFunction> fn = f.code().functions().stream()
            .filter(x -> x.definition() && x.section() == v.section()).findFirst();
        if (fn.isEmpty()) continue;
        ctx.report(v.position(), "data " + v.name() + " is " + v.section().annotation() + ", like function "
            + fn.get().name() + ": gcc stops with 'section type conflict'; use "
            + (v.isConst() ? "__initconst" : v.section().isExit() ? "__exitdata" : "__initdata"),
            List.of(new Finding.Related(fn.get().position(), fn.get().name() + " is in " + v.section().elfName())));
      }
    }
  }
}
