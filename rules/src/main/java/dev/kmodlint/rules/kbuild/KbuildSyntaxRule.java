package dev.kmodlint.rules.kbuild;

import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SyntaxProblem;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "kbuild/syntax",
    level = Level.ERROR,
    summary = "The Makefile cannot be parsed",
    description = "A line of the Kbuild file or Makefile is no assignment, rule, directive or recipe make"
        + " accepts (a missing separator, an else/endif without an if, an unterminated variable reference):"
        + " make stops there. GNU make constructs that kmodlint merely cannot evaluate ($(call ...),"
        + " $(shell ...), $(eval ...)) are not syntax errors.",
    tags = {"kbuild", "correctness"},
    anchor = "make")
public final class KbuildSyntaxRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (KbuildModel.Makefile m : ctx.project().kbuild().makefiles()) {
      for (SyntaxProblem p : m.syntaxProblems()) {
        // the reader's message starts with "<file> line <n>: ", which the position already says
        String message = p.message().replaceFirst("^\\S+ line \\d+: ", "");
        ctx.report(p.position(), "make cannot parse this: " + message);
      }
    }
  }
}
