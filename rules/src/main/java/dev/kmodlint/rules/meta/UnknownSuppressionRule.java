package dev.kmodlint.rules.meta;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.SuppressionDirective;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.rule.Suggestions;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

@RuleInfo(
    id = "meta/unknown-suppression",
    level = Level.WARNING,
    summary = "A kmodlint-disable comment names a rule or family that does not exist, or none, or the directive"
        + " is misspelt",
    description = "A suppression that names no rule suppresses nothing: usually a typo, or a rule ID"
        + " written in another tool's spelling. A misspelt directive (kmodlint-disabel-line, kmodlint: disable)"
        + " is not read at all. Either way the finding it was meant to silence is still reported.",
    tags = {"suppression"},
    precision = "very-high")
public final class UnknownSuppressionRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    Set<String> known = new TreeSet<>(ctx.ruleIds());
    for (String id : ctx.ruleIds()) known.add(id.substring(0, id.indexOf('/')));
    for (SuppressionDirective d : ctx.suppressionDirectives()) {
      if (d.scope() == SuppressionDirective.Scope.MISSPELT) {
        ctx.report(d.position(), "'" + d.id() + "' is not a kmodlint directive, so it suppresses nothing"
            + meant(d.id()));
        continue;
      }
      if (known.contains(d.id())) continue;
      if (d.id().isEmpty()) {
        ctx.report(d.position(), "kmodlint-disable names no rule: kmodlint has no suppression of every rule,"
            + " so write the IDs (or families) to silence");
        continue;
      }
      String hint = Suggestions.nearest(d.id(), known).map(s -> "did you mean '" + s + "'?")
          .orElse("see `kmodlint rules`");
      ctx.report(d.position(), "kmodlint-disable names '" + d.id() + "', which is neither a rule nor a family of"
          + " rules: it suppresses nothing (" + hint + ")");
    }
  }

  /** The directive a misspelt one is nearest to, compared without case and separators. */
  static String meant(String written) {
    String squashed = squash(written);
    String best = null;
    int bestDistance = 4;
    for (String name : SuppressionDirective.NAMES) {
      int d = Suggestions.distance(squashed, squash(name));
      if (d < bestDistance) {
        bestDistance = d;
        best = name;
      }
    }
    return best != null ? " (did you mean '" + best + "'?)"
        : " (the directives are " + String.join(", ", SuppressionDirective.NAMES) + ")";
  }

  private static String squash(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
  }
}
