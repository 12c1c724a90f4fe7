package dev.kmodlint.rules;

import dev.kmodlint.rule.RuleDescriptor;
import java.util.List;

/** README's rule table, generated from rule metadata only. */
final class ReadmeTable {
  static final String BEGIN = "<!-- rules:begin (generated from @RuleInfo; do not edit) -->";
  static final String END = "<!-- rules:end -->";

  private ReadmeTable() {}

  static String render(List<RuleDescriptor> rules) {
    StringBuilder sb = new StringBuilder(BEGIN).append('\n');
    sb.append("| Rule | Level | What it finds | Also caught by |\n|---|---|---|---|\n");
    for (RuleDescriptor r : rules) {
      sb.append("| [`").append(r.id()).append("`](").append(r.docPath()).append(") | ")
          .append(r.level().sarif()).append(" | ").append(r.summary().replace("|", "\\|")).append(" | ")
          .append(r.anchor().replace("|", "\\|")).append(" |\n");
    }
    return sb.append(END).toString();
  }
}
