package dev.kmodlint.rules.meta;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.SuppressionDirective;
import dev.kmodlint.rule.AfterSuppressions;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "meta/unused-suppression",
    level = Level.WARNING,
    summary = "A suppression that silenced nothing",
    description = "A kmodlint-disable comment names a rule (or family) that reported nothing where the comment"
        + " applies: the code was fixed, the line moved away from its comment, or the ID names the wrong rule."
        + " A stale suppression would silence the next, unrelated finding of that rule there. Not reported"
        + " for a rule that was skipped or failed somewhere in the run, did not run, or is disabled by the"
        + " configuration, since its findings are not known.",
    tags = {"suppression", "maintainability"},
    precision = "high",
    anchor = "ESLint --report-unused-disable-directives, ruff RUF100")
public final class UnusedSuppressionRule implements AfterSuppressions {
  @Override
  public void check(RuleContext ctx) {
    for (SuppressionDirective d : ctx.unusedSuppressions()) {
      String what = d.id().contains("/") ? d.id() : d.id() + "/*";
      String where = switch (d.scope()) {
        case LINE -> "on its line";
        case NEXT_LINE -> "on the next line";
        case FILE -> "in this file";
        case MISSPELT -> "anywhere";
      };
      ctx.report(d.position(), "'" + d.id() + "' suppresses nothing: there is no " + what + " finding " + where
          + "; remove it from the comment (a stale suppression would hide the next finding there)");
    }
  }
}
