package dev.kmodlint.cli;

import dev.kmodlint.report.Tool;
import dev.kmodlint.rule.RuleDescriptor;
import dev.kmodlint.rule.Suggestions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/** {@code kmodlint rules ID}: one rule's page, as {@code ruff rule X} prints it; a family lists its rules. */
final class RulePages {
  private RulePages() {}

  /** The rules {@code id} names: all of them for none, one for a rule ID, a family's for a family. */
  static List<RuleDescriptor> select(CommandLine cl, List<RuleDescriptor> rules, String id) {
    if (id == null) return rules;
    List<RuleDescriptor> chosen = rules.stream()
        .filter(r -> id.contains("/") ? r.id().equals(id) : r.family().equals(id)).toList();
    if (!chosen.isEmpty()) return chosen;
    Set<String> names = new LinkedHashSet<>();
    for (RuleDescriptor r : rules) {
      names.add(r.id());
      names.add(r.family());
    }
    throw new CommandLine.ParameterException(cl, "no rule or family '" + id + "'" + Suggestions.didYouMean(id, names)
        + "; `kmodlint rules` lists them");
  }

  /** The rule's documentation page (markdown, packaged from docs/rules/), else what its metadata says. */
  static String page(RuleDescriptor r) {
    String doc = Tool.ruleDoc(r.id()).orElseGet(() -> "# " + r.id() + "\n\n**Level:** " + r.level().sarif()
        + "\n\n" + r.description() + "\n");
    return doc.endsWith("\n") ? doc : doc + "\n";
  }
}
