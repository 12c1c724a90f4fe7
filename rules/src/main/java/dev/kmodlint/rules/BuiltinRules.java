package dev.kmodlint.rules;

import dev.kmodlint.engine.Rule;
import dev.kmodlint.engine.RuleProvider;
import dev.kmodlint.rules.license.LicenseConflictingRule;
import dev.kmodlint.rules.license.LicenseMissingRule;
import dev.kmodlint.rules.license.LicenseUnknownRule;
import dev.kmodlint.rules.license.SpdxMismatchRule;
import dev.kmodlint.rules.license.SpdxMissingRule;
import dev.kmodlint.rules.metadata.DescriptionMissingRule;
import dev.kmodlint.rules.init.InitBadSignatureRule;
import dev.kmodlint.rules.init.InitDuplicateEntryRule;
import dev.kmodlint.rules.init.InitExportOfInitRule;
import dev.kmodlint.rules.init.InitMisplacedAttributeRule;
import dev.kmodlint.rules.init.InitMissingAnnotationRule;
import dev.kmodlint.rules.init.InitNoExitRule;
import dev.kmodlint.rules.init.InitSectionConflictRule;
import dev.kmodlint.rules.init.InitSectionMismatchRule;
import dev.kmodlint.rules.init.InitWrongAnnotationRule;
import dev.kmodlint.rules.param.ParamBadHwTypeRule;
import dev.kmodlint.rules.param.ParamDuplicateRule;
import dev.kmodlint.rules.param.ParamInvalidPermissionRule;
import dev.kmodlint.rules.param.ParamMissingDescriptionRule;
import dev.kmodlint.rules.param.ParamNonOctalPermissionRule;
import dev.kmodlint.rules.param.ParamOrphanDescriptionRule;
import dev.kmodlint.rules.param.ParamStringSizeRule;
import dev.kmodlint.rules.param.ParamSymbolicPermissionRule;
import dev.kmodlint.rules.param.ParamTypeMismatchRule;
import dev.kmodlint.rules.param.ParamUndeclaredVariableRule;
import dev.kmodlint.rules.param.ParamUnknownTypeRule;
import dev.kmodlint.rules.param.ParamWorldWritableRule;
import dev.kmodlint.rules.param.ParamWriteIneffectiveRule;
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
        new ParamWorldWritableRule(),
        new ParamInvalidPermissionRule(),
        new ParamNonOctalPermissionRule(),
        new ParamSymbolicPermissionRule(),
        new ParamUnknownTypeRule(),
        new ParamTypeMismatchRule(),
        new ParamUndeclaredVariableRule(),
        new ParamOrphanDescriptionRule(),
        new ParamMissingDescriptionRule(),
        new ParamDuplicateRule(),
        new ParamBadHwTypeRule(),
        new ParamStringSizeRule(),
        new ParamWriteIneffectiveRule(),
        new InitSectionMismatchRule(),
        new InitExportOfInitRule(),
        new InitWrongAnnotationRule(),
        new InitMissingAnnotationRule(),
        new InitNoExitRule(),
        new InitDuplicateEntryRule(),
        new InitBadSignatureRule(),
        new InitMisplacedAttributeRule(),
        new InitSectionConflictRule());
  }
}
