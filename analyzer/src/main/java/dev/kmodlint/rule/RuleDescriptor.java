package dev.kmodlint.rule;

import dev.kmodlint.model.Level;
import java.util.List;
import java.util.Locale;

/** The metadata of a rule, read from its {@link RuleInfo}. */
public record RuleDescriptor(
    String id, Level level, String summary, String description, List<String> tags,
    String precision, String anchor, String securitySeverity) {

  /** A rule without a security severity. */
  public RuleDescriptor(String id, Level level, String summary, String description, List<String> tags,
      String precision, String anchor) {
    this(id, level, summary, description, tags, precision, anchor, "");
  }

  /** The form of every rule ID: {@code family/kebab-name}. */
  public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z]+/[a-z0-9]+(-[a-z0-9]+)*");

  public static RuleDescriptor of(Rule rule) {
    RuleInfo info = rule.getClass().getAnnotation(RuleInfo.class);
    if (info == null)
      throw new IllegalStateException(rule.getClass().getName() + " has no @RuleInfo");
    return new RuleDescriptor(info.id(), info.level(), info.summary(), info.description(),
        List.of(info.tags()), info.precision(), info.anchor(), info.securitySeverity());
  }

  public String family() {
    return id.substring(0, id.indexOf('/'));
  }

  /** {@code license/spdx-missing} -> {@code LicenseSpdxMissing} (SARIF reportingDescriptor.name). */
  public String pascalName() {
    StringBuilder sb = new StringBuilder();
    for (String part : id.split("[/-]")) {
      if (part.isEmpty()) continue;
      sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
    }
    return sb.toString();
  }

  /** Relative path of the rule's doc page inside the repository. */
  public String docPath() {
    return "docs/rules/" + id + ".md";
  }
}
