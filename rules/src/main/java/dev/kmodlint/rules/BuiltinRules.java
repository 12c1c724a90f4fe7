package dev.kmodlint.rules;

import dev.kmodlint.engine.Rule;
import dev.kmodlint.engine.RuleProvider;
import dev.kmodlint.rules.kbuild.DeprecatedObjsRule;
import dev.kmodlint.rules.kbuild.DeprecatedVariableRule;
import dev.kmodlint.rules.kbuild.KbuildSyntaxRule;
import dev.kmodlint.rules.kbuild.MissingSourceRule;
import dev.kmodlint.rules.kbuild.SelfReferenceRule;
import dev.kmodlint.rules.kbuild.UnbuiltSourceRule;
import dev.kmodlint.rules.kbuild.UndefinedConfigRule;
import dev.kmodlint.rules.kconfig.BoolForModuleRule;
import dev.kmodlint.rules.kconfig.InvalidDefaultRule;
import dev.kmodlint.rules.kconfig.KconfigSyntaxRule;
import dev.kmodlint.rules.kconfig.MissingHelpRule;
import dev.kmodlint.rules.kconfig.RecursiveDependencyRule;
import dev.kmodlint.rules.kconfig.SelectUnmetDependencyRule;
import dev.kmodlint.rules.kconfig.UndefinedSymbolInSourceRule;
import dev.kmodlint.rules.kconfig.UndefinedSymbolRule;
import dev.kmodlint.rules.kconfig.UnusedSymbolRule;
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
        new DescriptionMissingRule(),
        new MissingSourceRule(),
        new SelfReferenceRule(),
        new UnbuiltSourceRule(),
        new DeprecatedObjsRule(),
        new DeprecatedVariableRule(),
        new UndefinedConfigRule(),
        new KbuildSyntaxRule(),
        new UndefinedSymbolRule(),
        new UndefinedSymbolInSourceRule(),
        new SelectUnmetDependencyRule(),
        new RecursiveDependencyRule(),
        new MissingHelpRule(),
        new BoolForModuleRule(),
        new UnusedSymbolRule(),
        new InvalidDefaultRule(),
        new KconfigSyntaxRule());
  }
}
