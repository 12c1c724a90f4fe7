package dev.kmodlint.rules;

import dev.kmodlint.engine.Rule;
import dev.kmodlint.engine.RuleProvider;
import dev.kmodlint.rules.license.LicenseConflictingRule;
import dev.kmodlint.rules.license.LicenseMissingRule;
import dev.kmodlint.rules.license.LicenseUnknownRule;
import dev.kmodlint.rules.license.SpdxMismatchRule;
import dev.kmodlint.rules.license.SpdxMissingRule;
import dev.kmodlint.rules.metadata.DescriptionMissingRule;
import java.util.List;

/** The one place every rule is registered: a rule not listed here does not run. */
public final class BuiltinRules implements RuleProvider {
  @Override
  public List<Rule> rules() {
    return List.of(
        new LicenseMissingRule(),
        new LicenseUnknownRule(),
        new LicenseConflictingRule(),
        new SpdxMissingRule(),
        new SpdxMismatchRule(),
        new DescriptionMissingRule());
  }
}
