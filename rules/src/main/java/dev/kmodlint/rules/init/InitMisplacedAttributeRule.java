package dev.kmodlint.rules.init;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Section;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "init/misplaced-attribute",
    level = Level.NOTE,
    summary = "__initdata/__init placed where checkpatch says it must not be",
    description = "Section attributes are easy to misuse: a data attribute on a function or the reverse,"
        + " __initdata on const data (use __initconst) or __initconst on writable data, and data attributes"
        + " written before the variable name (checkpatch MISPLACED_INIT).",
    tags = {"init", "style"},
    anchor = "checkpatch MISPLACED_INIT")
public final class InitMisplacedAttributeRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (SourceFile f : ctx.project().files()) {
      for (CFunction fn : f.code().functions()) {
        if (fn.annotationAt().isEmpty() || fn.fromMacro() || !fn.position().file().equals(f.path())) continue;
        if (!fn.section().isCode() && fn.section() != Section.READ_MOSTLY) {
          String use = fn.section().isExit() ? "__exit" : fn.section().isRef() ? "__ref" : "__init";
          ctx.report(fn.annotationAt().get(), fn.section().annotation() + " is for data; function " + fn.name()
              + " takes " + use);
        }
      }
      for (CVariable v : f.code().variables()) {
        if (v.annotationAt().isEmpty() || v.fromMacro() || !v.position().file().equals(f.path())) continue;
        SourcePosition at = v.annotationAt().get();
        Section s = v.section();
        if (s.isCode()) {
          ctx.report(at, s.annotation() + " is for functions; data " + v.name() + " takes "
              + (v.isConst() ? "__initconst" : s.isExit() ? "__exitdata" : "__initdata"));
        } else if (s == Section.INIT_DATA && v.isConst() && v.pointers() == 0) {
          ctx.report(at, "const data " + v.name() + " takes __initconst, not __initdata");
        } else if (s == Section.INIT_RODATA && !v.isConst()) {
          ctx.report(at, "__initconst requires a const object; " + v.name() + " is writable");
        } else if ((s.isInit() || s.isExit() || s.isRef()) && at.compareTo(v.position()) < 0) {
          ctx.report(at, s.annotation() + " should be placed after the variable name: "
              + v.name() + " " + s.annotation());
        }
      }
    }
  }
}
