package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.rule.RuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every rule carries the fixed set of artifacts: an ID from the public catalogue, a doc page
 * with a bad and a good example, corpus cases that must fire and must not, and a row in
 * README's table generated from its metadata.
 */
class RuleCatalogueTest {
  private static final List<RuleDescriptor> RULES = RuleRegistry.discover().descriptors();

  @Test
  void everyRuleIdIsInTheCatalogueWithItsLevel() throws Exception {
    // the project's copy of the public catalogue, and the team's original when it is beside us
    List<Path> catalogues = new ArrayList<>(List.of(Corpus.ROOT.resolve("docs/rule-catalogue.md")));
    Path shared = Corpus.ROOT.resolve("../shared/RULES.md").normalize();
    if (Files.exists(shared)) catalogues.add(shared);
    for (Path catalogue : catalogues) checkAgainst(catalogue, catalogue == catalogues.get(0));
  }

  /** The project's catalogue lists every rule; the team's original may predate rules added since. */
  private static void checkAgainst(Path catalogue, boolean complete) throws Exception {
    String text = Files.readString(catalogue);
    for (RuleDescriptor r : RULES) {
      Matcher m = Pattern.compile("\\|\\s*" + Pattern.quote(r.id()) + "\\s*\\|\\s*(\\w+)\\s*\\|").matcher(text);
      if (!m.find()) {
        assertTrue(!complete, r.id() + " is not in " + catalogue);
        continue;
      }
      assertEquals(m.group(1), r.level().sarif(), "level of " + r.id() + " in " + catalogue);
    }
  }

  @Test
  void everyRuleHasADocPageWithABadAndAGoodExample() throws Exception {
    for (RuleDescriptor r : RULES) {
      Path doc = Corpus.ROOT.resolve(r.docPath());
      assertTrue(Files.exists(doc), "missing doc page " + doc);
      String text = Files.readString(doc);
      assertTrue(text.startsWith("# " + r.id()), r.docPath() + " must start with '# " + r.id() + "'");
      assertTrue(text.contains("## Bad") && text.contains("## Good"), r.docPath() + " needs ## Bad and ## Good");
      assertTrue(text.contains("```"), r.docPath() + " needs code examples");
    }
  }

  @Test
  void everyRuleHasCorpusCasesThatFireAndThatMustNot() throws Exception {
    Set<String> fire = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    for (Path c : Corpus.cases()) {
      for (Corpus.Annotation a : Corpus.annotations(c)) {
        if (a.kind() == Corpus.Kind.EXPECT) fire.add(a.id());
        if (a.kind() == Corpus.Kind.OK) quiet.add(a.id());
      }
    }
    List<String> problems = new ArrayList<>();
    for (RuleDescriptor r : RULES) {
      if (!fire.contains(r.id())) problems.add(r.id() + " has no 'expect:' corpus case");
      if (!quiet.contains(r.id())) problems.add(r.id() + " has no 'ok:' corpus case");
    }
    Set<String> ids = new HashSet<>(RULES.stream().map(RuleDescriptor::id).toList());
    for (String id : fire) if (!ids.contains(id)) problems.add("corpus expects unknown rule " + id);
    if (!problems.isEmpty()) fail(String.join("\n", problems));
  }

  @Test
  void readmeRuleTableIsCurrent() throws Exception {
    String readme = Files.readString(Corpus.ROOT.resolve("README.md"));
    String table = ReadmeTable.render(RULES);
    int start = readme.indexOf(ReadmeTable.BEGIN);
    int end = readme.indexOf(ReadmeTable.END);
    assertTrue(start >= 0 && end > start, "README.md lacks the rule table markers");
    String current = readme.substring(start, end + ReadmeTable.END.length());
    if (!current.equals(table)) {
      if (Boolean.getBoolean("kmodlint.updateReadme")) {
        Files.writeString(Corpus.ROOT.resolve("README.md"), readme.replace(current, table));
        return;
      }
      fail("README.md rule table is stale; regenerate with:\n"
          + "  mvn -q -pl rules test -Dtest=RuleCatalogueTest -Dkmodlint.updateReadme=true\n" + table);
    }
  }
}
