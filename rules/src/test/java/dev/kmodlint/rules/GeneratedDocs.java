package dev.kmodlint.rules;

import dev.kmodlint.rule.RuleDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parts of the documentation that say what {@code @RuleInfo} says, generated from it (as
 * detekt generates its docs): README's rule table ({@link ReadmeTable}), the level, summary
 * and anchor columns of {@code docs/rule-catalogue.md}, and the header line under the title
 * of each {@code docs/rules/<id>.md}. Everything else in those files is written by hand and
 * kept as it is.
 */
final class GeneratedDocs {
  private GeneratedDocs() {}

  /** {@code | id | level | what | anchor |}: a row of the catalogue (the first cell without backticks). */
  private static final Pattern CATALOGUE_ROW = Pattern.compile("(?m)^\\|\\s*([a-z]+/[a-z0-9-]+)\\s*\\|.*\\|[ \\t]*$");

  static String catalogueRow(RuleDescriptor r) {
    return "| " + r.id() + " | " + r.level().sarif() + " | " + cell(r.summary()) + " | " + cell(r.anchor()) + " |";
  }

  /**
   * The catalogue with the row of every rule generated from its metadata. A rule without a
   * row gets one after the last row of its family (a new section at the end when the family
   * has none). Rows of IDs that no rule implements are kept as written.
   */
  static String catalogue(String current, List<RuleDescriptor> rules) {
    Map<String, RuleDescriptor> byId = rules.stream().collect(Collectors.toMap(RuleDescriptor::id, Function.identity()));
    List<String> lines = new ArrayList<>(current.lines().toList());
    Set<String> present = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = CATALOGUE_ROW.matcher(lines.get(i));
      if (!m.matches()) continue;
      RuleDescriptor r = byId.get(m.group(1));
      if (r == null) continue;
      present.add(r.id());
      lines.set(i, catalogueRow(r));
    }
    for (RuleDescriptor r : rules) {
      if (present.contains(r.id())) continue;
      int last = -1;
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = CATALOGUE_ROW.matcher(lines.get(i));
        if (m.matches() && m.group(1).startsWith(r.family() + "/")) last = i;
      }
      if (last >= 0) {
        lines.add(last + 1, catalogueRow(r));
      } else {
        if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) lines.add("");
        lines.addAll(List.of("## " + r.family(), "| ID | Level | What | Anchor |", "|---|---|---|---|", catalogueRow(r)));
      }
      present.add(r.id());
    }
    return String.join("\n", lines) + (current.endsWith("\n") || current.isEmpty() ? "\n" : "");
  }

  static String docHeader(RuleDescriptor r) {
    return "**Level:** " + r.level().sarif() + " · **Also caught by:** " + r.anchor();
  }

  /**
   * The doc page with its header paragraph (the one after the {@code # id} title) generated;
   * a page whose second paragraph is not a header gets one.
   */
  static String docPage(String current, RuleDescriptor r) {
    List<String> lines = new ArrayList<>(current.lines().toList());
    if (lines.isEmpty() || !lines.get(0).startsWith("# ")) return current; // RuleCatalogueTest says what is wrong
    int start = 1;
    while (start < lines.size() && lines.get(start).isBlank()) start++;
    if (start < lines.size() && lines.get(start).startsWith("**Level:**")) {
      int end = start;
      while (end < lines.size() && !lines.get(end).isBlank()) end++;
      lines.subList(start, end).clear();
    } else {
      lines.add(start, "");
    }
    lines.add(start, docHeader(r));
    if (start == 1) lines.add(1, "");
    return String.join("\n", lines) + (current.endsWith("\n") ? "\n" : "");
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
