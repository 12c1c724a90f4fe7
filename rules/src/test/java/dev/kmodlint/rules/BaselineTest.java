package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A legacy tree with known defects: a baseline is made, lines are inserted above the old
 * findings and one new defect is added. {@code --fail-on-new} fails on that one alone, and it
 * is the only {@code new} result; the old ones are {@code unchanged}.
 */
class BaselineTest {
  @TempDir Path tmp;
  private Path tree;
  private Path perms;
  private Path baseline;

  @BeforeEach
  void legacyTreeAndItsBaseline() throws Exception {
    tree = tmp.resolve("legacy");
    Corpus.copy("params-permissions", tree);
    perms = tree.resolve("perms.c");
    baseline = tmp.resolve("baseline.sarif");
    CliTest.Run r = CliTest.run("check", "--format", "sarif", "--fail-on", "none", "--output", baseline.toString(),
        tree.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(results(baseline).size() >= 5, "the legacy tree should have findings: " + results(baseline).size());
  }

  private static List<JsonNode> results(Path sarif) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    new ObjectMapper().readTree(sarif.toFile()).at("/runs/0/results").forEach(out::add);
    return out;
  }

  private static Map<String, Integer> countByState(List<JsonNode> results) {
    Map<String, Integer> out = new TreeMap<>();
    for (JsonNode r : results) out.merge(r.path("baselineState").asText("(none)"), 1, Integer::sum);
    return out;
  }

  /** Three lines after the SPDX line push every old finding of perms.c down. */
  private void insertLinesAbove() throws Exception {
    String text = Files.readString(perms);
    int afterFirstLine = text.indexOf('\n') + 1;
    Files.writeString(perms, text.substring(0, afterFirstLine)
        + "/*\n * Reviewed for the 2027 release.\n */\n" + text.substring(afterFirstLine));
  }

  @Test
  void onlyTheNewDefectIsNewAndFailsTheRun() throws Exception {
    insertLinesAbove();
    Files.writeString(perms, Files.readString(perms)
        + "\nstatic int p_new;\nmodule_param(p_new, int, 0666);\nMODULE_PARM_DESC(p_new, \"added after the baseline\");\n");

    Path current = tmp.resolve("current.sarif");
    CliTest.Run r = CliTest.run("check", "--format", "sarif", "--baseline", baseline.toString(), "--fail-on-new",
        "--output", current.toString(), tree.toString());
    assertEquals(1, r.code(), r.err());
    List<JsonNode> results = results(current);
    List<JsonNode> fresh = results.stream().filter(x -> x.path("baselineState").asText().equals("new")).toList();
    assertEquals(1, fresh.size(), "new results: " + fresh);
    assertEquals("param/world-writable", fresh.get(0).get("ruleId").asText());
    assertTrue(fresh.get(0).at("/message/text").asText().contains("p_new"), fresh.get(0).toString());
    assertEquals(Map.of("new", 1, "unchanged", results(baseline).size()), countByState(results));

    // the text report marks it and counts it
    CliTest.Run text = CliTest.run("check", "--baseline", baseline.toString(), "--fail-on-new", tree.toString());
    assertEquals(1, text.code());
    List<String> marked = text.out().lines().filter(l -> l.contains("(new)")).toList();
    assertEquals(1, marked.size(), text.out());
    assertTrue(marked.get(0).contains("p_new") && marked.get(0).endsWith("[param/world-writable]"), marked.get(0));
    assertTrue(text.out().strip().lines().reduce((a, b) -> b).orElseThrow().contains("(1 new)"), text.out());
  }

  @Test
  void insertedLinesAloneLeaveEverythingUnchangedAndTheRunPasses() throws Exception {
    insertLinesAbove();
    Path current = tmp.resolve("current.sarif");
    CliTest.Run r = CliTest.run("check", "--format", "sarif", "--baseline", baseline.toString(), "--fail-on-new",
        "--output", current.toString(), tree.toString());
    assertEquals(0, r.code(), "old errors do not fail --fail-on-new: " + r.err());
    assertEquals(Map.of("unchanged", results(baseline).size()), countByState(results(current)));
    // without --fail-on-new the same errors fail the run
    assertEquals(1, CliTest.run("check", "--baseline", baseline.toString(), tree.toString()).code());
  }

  @Test
  void aFixedDefectIsAbsentAndOneOnAnEditedLineUpdated() throws Exception {
    String text = Files.readString(perms);
    // fixing p_dec444 removes a finding; a comment added to p_sym's line leaves it, on an edited line
    Files.writeString(perms, text.replace("module_param(p_dec444, int, 444);", "module_param(p_dec444, int, 0444);")
        .replace("module_param(p_sym, int, S_IRUSR | S_IWUSR);",
            "module_param(p_sym, int, S_IRUSR | S_IWUSR); /* TODO octal */"));
    Path current = tmp.resolve("current.sarif");
    CliTest.Run r = CliTest.run("check", "--format", "sarif", "--baseline", baseline.toString(), "--fail-on", "none",
        "--output", current.toString(), tree.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Integer> states = countByState(results(current));
    assertEquals(1, states.getOrDefault("absent", 0), states.toString());
    assertEquals(0, states.getOrDefault("new", 0), states.toString());
    JsonNode absent = results(current).stream().filter(x -> x.path("baselineState").asText().equals("absent"))
        .findFirst().orElseThrow();
    assertEquals("param/non-octal-permission", absent.get("ruleId").asText());
    JsonNode updated = results(current).stream().filter(x -> x.path("baselineState").asText().equals("updated"))
        .findFirst().orElseThrow(() -> new AssertionError("no updated result: " + states));
    assertEquals("param/symbolic-permission", updated.get("ruleId").asText());
    assertEquals(Map.of("absent", 1, "updated", 1, "unchanged", results(baseline).size() - 2), states);
    assertEquals(List.of(), dev.kmodlint.sarif.SarifSchemaValidation.validate(Files.readString(current)));
  }

  @Test
  void aBaselineThatIsNotSarifIsOneLineAndExitTwo() throws Exception {
    Path bogus = Files.writeString(tmp.resolve("bogus.sarif"), "not json at all");
    CliTest.Run r = CliTest.run("check", "--baseline", bogus.toString(), tree.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("kmodlint: ") && r.err().contains("not a SARIF file"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    CliTest.Run noBaseline = CliTest.run("check", "--fail-on-new", tree.toString());
    assertEquals(2, noBaseline.code());
    assertTrue(noBaseline.err().contains("--fail-on-new needs --baseline"), noBaseline.err());
  }

  @Test
  void aBaselineResultThatIsNotValidSarifIsLeftOutAndSaid() throws Exception {
    // the fixed finding's baseline entry is damaged: it cannot be carried over as absent
    ObjectMapper json = new ObjectMapper();
    JsonNode log = json.readTree(baseline.toFile());
    for (JsonNode res : log.at("/runs/0/results")) {
      if (res.get("ruleId").asText().equals("param/non-octal-permission")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) res).put("level", "fatal");
      }
    }
    json.writeValue(baseline.toFile(), log);
    Files.writeString(perms, Files.readString(perms).replace("module_param(p_dec444, int, 444);",
        "module_param(p_dec444, int, 0444);"));
    Path current = tmp.resolve("current.sarif");
    CliTest.Run r = CliTest.run("check", "--format", "sarif", "--baseline", baseline.toString(), "--fail-on", "none",
        "--output", current.toString(), tree.toString());
    assertEquals(0, r.code(), r.err());
    String sarif = Files.readString(current);
    assertEquals(List.of(), dev.kmodlint.sarif.SarifSchemaValidation.validate(sarif));
    assertTrue(sarif.contains("\"baseline-result-unreadable\""), "not said");
    assertTrue(!countByState(results(current)).containsKey("absent"), countByState(results(current)).toString());
  }
}
