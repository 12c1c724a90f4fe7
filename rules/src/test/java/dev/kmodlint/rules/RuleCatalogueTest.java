package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleDescriptor;
import dev.kmodlint.rule.RuleInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
        // a todo: is a case that must fire, known to be missed (a new rule's, before its logic)
        if (a.kind() == Corpus.Kind.EXPECT || a.kind() == Corpus.Kind.TODO) fire.add(a.id());
        if (a.kind() == Corpus.Kind.OK) quiet.add(a.id());
      }
    }
    List<String> problems = new ArrayList<>();
    for (RuleDescriptor r : RULES) {
      if (!fire.contains(r.id())) problems.add(r.id() + " has no 'expect:' (or 'todo:') corpus case");
      if (!quiet.contains(r.id())) problems.add(r.id() + " has no 'ok:' corpus case");
    }
    Set<String> ids = new HashSet<>(RULES.stream().map(RuleDescriptor::id).toList());
    for (String id : fire) if (!ids.contains(id)) problems.add("corpus expects unknown rule " + id);
    if (!problems.isEmpty()) fail(String.join("\n", problems));
  }

  /** {@code -Dkmodlint.updateDocs=true} (or the older {@code -Dkmodlint.updateReadme=true}) rewrites what is stale. */
  private static final boolean UPDATE = Boolean.getBoolean("kmodlint.updateDocs")
      || Boolean.getBoolean("kmodlint.updateReadme");
  private static final String REGENERATE = "regenerate with:\n  mvn -B -q -pl rules -am test -Dtest=RuleCatalogueTest"
      + " -Dsurefire.failIfNoSpecifiedTests=false -Dkmodlint.updateDocs=true";

  @Test
  void readmeRuleTableIsCurrent() throws Exception {
    String readme = Files.readString(Corpus.ROOT.resolve("README.md"));
    String table = ReadmeTable.render(RULES);
    int start = readme.indexOf(ReadmeTable.BEGIN);
    int end = readme.indexOf(ReadmeTable.END);
    assertTrue(start >= 0 && end > start, "README.md lacks the rule table markers");
    String current = readme.substring(start, end + ReadmeTable.END.length());
    if (!current.equals(table)) {
      if (UPDATE) {
        Files.writeString(Corpus.ROOT.resolve("README.md"), readme.replace(current, table));
        return;
      }
      fail("README.md rule table is stale; " + REGENERATE + "\n" + table);
    }
  }

  /** The level, summary and anchor columns of docs/rule-catalogue.md are the rules' metadata. */
  @Test
  void catalogueColumnsAreGeneratedFromRuleInfo() throws Exception {
    Path catalogue = Corpus.ROOT.resolve("docs/rule-catalogue.md");
    String current = Files.readString(catalogue);
    String generated = GeneratedDocs.catalogue(current, RULES);
    if (generated.equals(current)) return;
    if (UPDATE) {
      Files.writeString(catalogue, generated);
      return;
    }
    fail(catalogue + " is stale; " + REGENERATE + "\n" + firstDifference(current, generated));
  }

  /** The line under each doc page's title says the rule's level and anchor, as @RuleInfo does. */
  @Test
  void docPageHeaderLinesAreGeneratedFromRuleInfo() throws Exception {
    List<String> stale = new ArrayList<>();
    for (RuleDescriptor r : RULES) {
      Path doc = Corpus.ROOT.resolve(r.docPath());
      if (!Files.exists(doc)) continue; // everyRuleHasADocPageWithABadAndAGoodExample says so
      String current = Files.readString(doc);
      String generated = GeneratedDocs.docPage(current, r);
      if (generated.equals(current)) continue;
      if (UPDATE) Files.writeString(doc, generated);
      else stale.add(r.docPath() + ": " + firstDifference(current, generated));
    }
    if (!stale.isEmpty()) fail("doc page header lines are stale; " + REGENERATE + "\n" + String.join("\n", stale));
  }

  private static String firstDifference(String stored, String generated) {
    List<String> a = stored.lines().toList();
    List<String> b = generated.lines().toList();
    int i = 0;
    while (i < Math.min(a.size(), b.size()) && a.get(i).equals(b.get(i))) i++;
    return "line " + (i + 1) + " is\n  " + (i < a.size() ? a.get(i) : "(end of file)") + "\nand would be\n  "
        + (i < b.size() ? b.get(i) : "(end of file)");
  }

  /**
   * A rule class that BuiltinRules does not list never runs, and nothing else notices: every
   * class of the rules module that carries @RuleInfo must be registered.
   */
  @Test
  void everyClassWithRuleInfoIsRegisteredInBuiltinRules() throws Exception {
    Path classes = Path.of(BuiltinRules.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(Files.isDirectory(classes), "the rules module's classes are not a directory: " + classes);
    Set<String> annotated = new TreeSet<>();
    try (Stream<Path> s = Files.walk(classes)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(p).toString().replace('/', '.').replaceFirst("\\.class$", "");
        Class<?> c = Class.forName(name, false, RuleCatalogueTest.class.getClassLoader());
        if (c.isAnnotationPresent(RuleInfo.class)) annotated.add(c.getName());
      }
    }
    assertFalse(annotated.isEmpty(), "no @RuleInfo class under " + classes);
    Set<String> registered = new TreeSet<>();
    for (Rule r : new BuiltinRules().rules()) registered.add(r.getClass().getName());
    Set<String> forgotten = new TreeSet<>(annotated);
    forgotten.removeAll(registered);
    assertEquals(Set.of(), forgotten, "@RuleInfo classes that BuiltinRules.rules() does not list (they never run)");
    assertEquals(annotated, registered);
  }
}
