package dev.kmodlint.rules.meta;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.SuppressionDirective;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.HashSet;
import java.util.Set;

@RuleInfo(
    id = "meta/unknown-suppression",
    level = Level.WARNING,
    summary = "A kmodlint-disable comment names a rule or family that does not exist, or none",
    description = "A suppression that names no rule suppresses nothing: usually a typo, or a rule ID"
        + " written in another tool's spelling. The finding it was meant to silence is still reported.",
    tags = {"suppression"},
    precision = "very-high")
public final class UnknownSuppressionRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    Set<String> known = new HashSet<>(ctx.ruleIds());
    for (String id : ctx.ruleIds()) known.add(id.substring(0, id.indexOf('/')));
    for (SuppressionDirective d : ctx.suppressionDirectives()) {
      if (known.contains(d.id())) continue;
      if (d.id().isEmpty()) {
        ctx.report(d.position(), "kmodlint-disable names no rule: kmodlint has no suppression of every rule,"
            + " so write the IDs (or families) to silence");
        continue;
      }
      ctx.report(d.position(), "kmodlint-disable names '" + d.id() + "', which is neither a rule nor a family of"
          + " rules (see `kmodlint rules`): it suppresses nothing");
    }
  }
}
