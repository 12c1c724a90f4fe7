package dev.kmodlint.rules.dkms;

import dev.kmodlint.model.DkmsConf;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SyntaxProblem;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "dkms/syntax",
    level = Level.ERROR,
    summary = "dkms.conf is not a valid shell-variable file",
    description = "dkms reads dkms.conf by sourcing it with bash: an unterminated quote or ${, blanks around"
        + " '=' (bash runs the variable's name as a command), or an empty array index ('bad array"
        + " subscript') leave the package's variables unset and dkms fails with 'Bad conf file'.",
    tags = {"dkms", "deployment", "correctness"},
    anchor = "dkms")
public final class DkmsSyntaxRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (DkmsConf c : ctx.project().deploy().dkmsConfs())
      for (SyntaxProblem p : c.syntaxProblems()) ctx.report(p.position(), p.message());
  }
}
