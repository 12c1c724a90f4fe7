package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.engine.Analyzer;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleDescriptor;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/new-rule} on a copy of what it touches (the rule sources, docs/rules,
 * test-corpus): the class it writes compiles and is registered, its doc page has what
 * RuleCatalogueTest asks and the header line it generates, its corpus scenario agrees with
 * CorpusTest as a known miss, and once the rule reports its bad case CorpusTest says to make it
 * an {@code expect:}. The regeneration (one mvn run) is left out here: its generators are
 * RuleCatalogueTest's and SarifSamplesTest's, tested there.
 */
class NewRuleScriptTest {
  private static final String ID = "symbol/frob-widget";
  private static final String CLASS = "dev.kmodlint.rules.symbol.SymbolFrobWidgetRule";

  @TempDir Path copy;

  private void copyTree(String rel) throws IOException {
    Path from = Corpus.ROOT.resolve(rel);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Path to = copy.resolve(rel).resolve(from.relativize(p).toString());
        Files.createDirectories(to.getParent());
        Files.copy(p, to);
      }
    }
  }

  private ProcessResult newRule(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", copy.resolve("scripts/new-rule").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(copy.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "new-rule did not finish: " + out);
    return new ProcessResult(p.exitValue(), out);
  }

  private record ProcessResult(int code, String out) {}

  /** Compiles {@code sources} against this test's class path into a directory of their own. */
  private Path compile(Path... sources) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertTrue(javac != null, "no Java compiler in this JDK");
    Path out = Files.createTempDirectory(copy, "classes");
    StringWriter errors = new StringWriter();
    boolean ok = javac.getTask(errors, null, null,
        List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"), "--release", "17"), null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(sources)).call();
    assertTrue(ok, errors.toString());
    return out;
  }

  private static Rule load(Path classes) throws Exception {
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, NewRuleScriptTest.class.getClassLoader());
    return (Rule) loader.loadClass(CLASS).getDeclaredConstructor().newInstance();
  }

  /** The problems CorpusTest finds in the new scenario with the builtin rules and {@code rule}. */
  private List<String> corpusProblems(Rule rule) throws IOException {
    List<Rule> rules = new ArrayList<>(new BuiltinRules().rules());
    rules.add(rule);
    RuleRegistry registry = RuleRegistry.of(rules);
    Path scenario = copy.resolve("test-corpus/symbol-frob-widget");
    AnalysisResult r = new Analyzer(registry).analyze(AnalysisOptions.of(List.of(scenario)));
    return CorpusTest.compare(registry, scenario, r, Corpus.annotations(scenario), Corpus.malformed(scenario), false);
  }

  @Test
  void theNewRuleIsComplete() throws Exception {
    Files.createDirectories(copy.resolve("scripts"));
    Files.copy(Corpus.ROOT.resolve("scripts/new-rule"), copy.resolve("scripts/new-rule"));
    copyTree("rules/src/main/java/dev/kmodlint/rules");
    copyTree("docs/rules");
    Files.createDirectories(copy.resolve("test-corpus"));

    ProcessResult run = newRule(ID, "--level", "note", "--no-regenerate");
    assertEquals(0, run.code(), run.out());
    Path source = copy.resolve("rules/src/main/java/dev/kmodlint/rules/symbol/SymbolFrobWidgetRule.java");
    Path registryFile = copy.resolve("rules/src/main/java/dev/kmodlint/rules/BuiltinRules.java");
    String registration = Files.readString(registryFile);
    assertTrue(registration.contains("import " + CLASS + ";\n") && registration.contains("        new SymbolFrobWidgetRule(),\n"),
        registration);
    compile(source, registryFile); // BuiltinRules with the new entry still compiles

    Rule rule = load(compile(source));
    RuleDescriptor d = RuleDescriptor.of(rule);
    assertEquals(ID, d.id());
    assertEquals("note", d.level().sarif());

    // the doc page: what RuleCatalogueTest asks of one, its header line already the generated one
    String doc = Files.readString(copy.resolve("docs/rules/symbol/frob-widget.md"));
    assertTrue(doc.startsWith("# " + ID + "\n") && doc.contains("## Bad") && doc.contains("## Good")
        && doc.contains("```"), doc);
    assertEquals(doc, GeneratedDocs.docPage(doc, d));
    String catalogue = GeneratedDocs.catalogue(Files.readString(Corpus.ROOT.resolve("docs/rule-catalogue.md")),
        List.of(d));
    assertTrue(catalogue.contains("| symbol/dependency-cycle |") && catalogue.contains(GeneratedDocs.catalogueRow(d)),
        "a row in the symbol table");

    // the scenario: clean for every other rule, the todo: case a known miss
    assertEquals(List.of(), corpusProblems(rule));

    // the author writes the logic: CorpusTest now asks for an expect:
    String logic = Files.readString(source).replaceFirst("(?s)(public void check\\(RuleContext ctx\\) \\{).*?\\n  \\}\\n",
        "$1\n    for (var f : ctx.project().files())\n      for (var v : f.code().variables())\n"
            + "        if (v.name().equals(\"bad_case\")) ctx.report(v.position(), \"bad_case is bad\");\n  }\n");
    Path written = Files.createDirectories(copy.resolve("written/dev/kmodlint/rules/symbol")).resolve("SymbolFrobWidgetRule.java");
    Files.writeString(written, logic);
    List<String> problems = corpusProblems(load(compile(written)));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("todo: " + ID + " at symbol_frob_widget.c:13 now fires: make it expect: " + ID + "@12"),
        problems.get(0));

    // what it refuses
    assertEquals(2, newRule(ID, "--no-regenerate").code(), "the same ID twice");
    ProcessResult family = newRule("newfamily/x", "--no-regenerate");
    assertTrue(family.code() == 2 && family.out().contains("no rule family 'newfamily'"), family.out());
    assertEquals(2, newRule("symbol/Bad_Name", "--no-regenerate").code());
    assertEquals(2, newRule("symbol/other", "--level", "info", "--no-regenerate").code());
  }
}
