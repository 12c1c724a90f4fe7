package dev.kmodlint.rule;

import dev.kmodlint.model.Level;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A rule's metadata, kept on its class so that SARIF {@code rules[]}, {@code kmodlint rules}
 * and README's table cannot drift from the code. The doc page is
 * {@code docs/rules/<id>.md}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
  /** Public contract: {@code family/kebab-name}, never renamed. */
  String id();

  Level level();

  /** One sentence, shown in listings and as SARIF shortDescription. */
  String summary();

  /** Longer explanation: SARIF fullDescription. */
  String description();

  String[] tags() default {};

  /** SARIF/GitHub precision: very-high, high, medium, low. */
  String precision() default "high";

  /** What existing tool reports the same thing today, or "none". */
  String anchor() default "none";

  /**
   * For a rule tagged {@code security}: GitHub code scanning's {@code security-severity}, a
   * CVSS-like score from "0.1" to "10.0" (9.0 and up critical, 7.0 high, 4.0 medium, else low),
   * which GitHub shows as the alert's severity instead of the level. Empty for other rules.
   */
  String securitySeverity() default "";
}
