package dev.kmodlint.rules.kconfig;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.SyntaxProblem;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "kconfig/syntax",
    level = Level.ERROR,
    summary = "The Kconfig file cannot be parsed",
    description = "A line of a Kconfig file is not valid Kconfig (Documentation/kbuild/kconfig-language.rst):"
        + " an unknown keyword, an attribute outside an entry, an unbalanced menu/endmenu, if/endif or"
        + " choice/endchoice, an unterminated string. kconfig stops with 'syntax error'.",
    tags = {"kconfig", "correctness"},
    anchor = "kconfig syntax error")
public final class KconfigSyntaxRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (SyntaxProblem p : ctx.project().kconfig().syntaxProblems()) {
      ctx.report(p.position(), "kconfig cannot parse this: " + p.message());
    }
  }
}
