package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.report.Tool;
import dev.kmodlint.rule.RuleDescriptor;
import dev.kmodlint.sarif.SarifWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code sarif-samples/}: what kmodlint writes for one corpus scenario per rule family and
 * for one whole small tree, kept as golden files. Locations are relative to the repository
 * root, so a sample uploaded to GitHub points at the corpus files. Regenerate with
 * <pre>mvn -B -q -pl rules -am test -Dtest=SarifSamplesTest -Dsurefire.failIfNoSpecifiedTests=false -Dkmodlint.updateSamples=true</pre>
 * The comparison ignores kmodlint's version, the run's times and where the repository is.
 *
 * <p>Only {@code whole-tree.sarif} carries each rule's help (its doc page) as kmodlint writes
 * it; in the other samples it is a pointer to the rule's {@code helpUri} ({@link #slim}), so
 * that editing one doc page rewrites one sample, not all of them.
 */
class SarifSamplesTest {
  static final Path DIR = Corpus.ROOT.resolve("sarif-samples");
  /** Where the repository is, as the stored samples say it: the same on every machine. */
  static final String PLACEHOLDER_ROOT = "/src/kmodlint";

  /** The one sample whose rules carry their whole help. */
  static final String FULL_HELP = "whole-tree";

  /** Sample name (a rule family, or {@code whole-tree}) -> corpus scenario. */
  static final Map<String, String> SAMPLES = new LinkedHashMap<>();

  static {
    SAMPLES.put("dkms", "deploy-dkms");
    SAMPLES.put("init", "init-sections");
    SAMPLES.put("kbuild", "kbuild-mistakes");
    SAMPLES.put("kconfig", "kconfig-mistakes");
    SAMPLES.put("kernel", "kernel-version-branch");
    SAMPLES.put("license", "spdx-mismatch");
    SAMPLES.put("meta", "suppressions");
    SAMPLES.put("metadata", "description-missing");
    SAMPLES.put("modprobe", "deploy-modprobe");
    SAMPLES.put("param", "params-permissions");
    SAMPLES.put("symbol", "symbols-gpl");
    SAMPLES.put("whole-tree", "in-tree");
  }

  /**
   * The SARIF of one scenario against the kernel built into kmodlint (so that the machine's
   * own kernel does not show), or the kernels its {@code # kernels:} line names, with the
   * repository's absolute path replaced.
   */
  static String generate(String name, String scenario) throws IOException {
    AnalysisResult result = Corpus.analyze(RuleRegistry.discover(), Corpus.DIR.resolve(scenario));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SarifWriter.write(result, new SarifWriter.Options(Optional.of(name), Optional.of(Corpus.ROOT), false,
        Optional.empty(), SarifWriter.GITHUB_MAX_RESULTS), out);
    String root = Corpus.ROOT.toString();
    String sarif = out.toString(StandardCharsets.UTF_8)
        .replace("file://" + root + "/", "file://" + PLACEHOLDER_ROOT + "/")
        .replace(root, PLACEHOLDER_ROOT);
    return name.equals(FULL_HELP) ? sarif : slim(sarif);
  }

  /** SarifWriter's layout: two-space indents, LF, {@code "key": value}. */
  private static final ObjectWriter LAYOUT = layout();

  private static ObjectWriter layout() {
    DefaultIndenter lf = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentArraysWith(lf);
    printer.indentObjectsWith(lf);
    return new ObjectMapper().writer(printer);
  }

  /**
   * The log with each rule's {@code help} (its whole doc page, the bulk of a sample) replaced by
   * a pointer to its {@code helpUri}; everything else as written. GitHub's ingestion rules
   * (Multitool GH2012) want a {@code help} and a {@code fullDescription} on every rule, so both
   * stay, the help in a few words.
   */
  static String slim(String sarif) throws IOException {
    JsonNode log = new ObjectMapper().readTree(sarif);
    for (JsonNode run : log.path("runs")) {
      for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
        String uri = rule.path("helpUri").asText();
        ObjectNode help = ((ObjectNode) rule).putObject("help");
        help.put("markdown", "[" + rule.path("id").asText() + "](" + uri + ")");
        help.put("text", "See " + uri);
      }
    }
    return LAYOUT.writeValueAsString(log) + "\n";
  }

  /** What may differ between two runs of the same kmodlint on the same files. */
  static String normalise(String sarif) {
    return sarif
        .replaceAll("\"(startTimeUtc|endTimeUtc)\": \"[^\"]*\"", "\"$1\": \"(time)\"")
        .replaceAll("\"(version|semanticVersion)\": \"(?!2\\.1\\.0\")[^\"]*\"", "\"$1\": \"(version)\"");
  }

  @TestFactory
  Stream<DynamicTest> samplesAreWhatKmodlintWritesToday() {
    boolean update = Boolean.getBoolean("kmodlint.updateSamples");
    return SAMPLES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Path file = DIR.resolve(e.getKey() + ".sarif");
      String fresh = generate(e.getKey(), e.getValue());
      boolean same = Files.exists(file) && normalise(Files.readString(file)).equals(normalise(fresh));
      if (update) {
        if (same) return; // a new time stamp is no change worth a diff
        Files.createDirectories(DIR);
        Files.writeString(file, fresh);
        return;
      }
      assertTrue(Files.exists(file), file + " is missing; regenerate with -Dkmodlint.updateSamples=true");
      List<String> stored = normalise(Files.readString(file)).lines().toList();
      List<String> now = normalise(fresh).lines().toList();
      if (!stored.equals(now)) {
        int line = 0;
        while (line < Math.min(stored.size(), now.size()) && stored.get(line).equals(now.get(line))) line++;
        fail(file + " is stale: kmodlint now writes something else for test-corpus/" + e.getValue() + " from line "
            + (line + 1) + " on (stored: " + (line < stored.size() ? stored.get(line).strip() : "end of file")
            + "; now: " + (line < now.size() ? now.get(line).strip() : "end of file")
            + "); review the difference and regenerate with -Dkmodlint.updateSamples=true");
      }
    }));
  }

  @Test
  void everyRuleFamilyHasASampleAndNoSampleIsStray() throws IOException {
    Set<String> families = RuleRegistry.discover().descriptors().stream().map(RuleDescriptor::family)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> missing = new TreeSet<>(families);
    missing.removeAll(SAMPLES.keySet());
    assertEquals(Set.of(), missing, "families without a sample");
    try (Stream<Path> s = Files.list(DIR)) {
      Set<String> stored = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sarif"))
          .collect(Collectors.toCollection(TreeSet::new));
      Set<String> expected = SAMPLES.keySet().stream().map(n -> n + ".sarif").collect(Collectors.toCollection(TreeSet::new));
      assertEquals(expected, stored, "sarif-samples/ holds exactly the generated samples");
    }
  }

  @Test
  void normalisingIgnoresVersionAndTimeButNotContent() throws IOException {
    String a = generate("param", "params-permissions");
    String b = a.replaceFirst("\"endTimeUtc\": \"[^\"]*\"", "\"endTimeUtc\": \"2000-01-01T00:00:00.000Z\"")
        .replaceFirst("\"semanticVersion\": \"[^\"]*\"", "\"semanticVersion\": \"9.9.9\"");
    assertEquals(normalise(a), normalise(b));
    assertTrue(normalise(a).contains("\"version\": \"2.1.0\""), "the SARIF version itself is kept");
    String c = a.replaceFirst("\"startLine\": \\d+", "\"startLine\": 999");
    assertTrue(!normalise(a).equals(normalise(c)), "a moved result is a difference");
  }

  /** Slimming rewrites the rules' help and nothing else: the same layout, every other byte as written. */
  @Test
  void slimSamplesDifferFromWhatKmodlintWritesOnlyInTheRulesHelp() throws IOException {
    String full = generate(FULL_HELP, "params-permissions");
    String slim = slim(full);
    assertEquals(full, LAYOUT.writeValueAsString(new ObjectMapper().readTree(full)) + "\n",
        "re-writing the log unchanged gives SarifWriter's bytes");
    JsonNode a = new ObjectMapper().readTree(full);
    JsonNode b = new ObjectMapper().readTree(slim);
    JsonNode fullRules = a.path("runs").get(0).path("tool").path("driver").path("rules");
    JsonNode slimRules = b.path("runs").get(0).path("tool").path("driver").path("rules");
    assertTrue(fullRules.size() > 0);
    for (int i = 0; i < fullRules.size(); i++) {
      String id = fullRules.get(i).path("id").asText();
      assertEquals(Tool.ruleDoc(id).orElseThrow(), fullRules.get(i).path("help").path("markdown").asText(), id);
      String pointer = slimRules.get(i).path("help").path("markdown").asText();
      assertTrue(pointer.contains(fullRules.get(i).path("helpUri").asText()) && pointer.length() < 200, pointer);
      assertTrue(slimRules.get(i).path("fullDescription").path("text").asText().length() > 0, id);
      ((ObjectNode) fullRules.get(i)).remove("help");
      ((ObjectNode) slimRules.get(i)).remove("help");
    }
    assertEquals(a, b);
  }
}
