package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kmodlint.sarif.SarifSchemaValidation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF of every corpus scenario, produced through the CLI, is valid against the SARIF
 * 2.1.0 schema, and Microsoft's SARIF Multitool reports neither an error nor a warning on it,
 * nor on the files of {@code sarif-samples/}, when the Multitool is available
 * ({@code SARIF_MULTITOOL}: the native {@code Sarif.Multitool} binary of npm's
 * {@code @microsoft/sarif-multitool-linux}; its npm launcher passes arguments through
 * {@code sh}, which splits {@code "Ghas;Sarif"}). The GitHub rules are asked for as
 * {@code --rule-kind "Ghas;Sarif"}: Multitool 5.7.0 names that kind {@code Ghas} and silently
 * ignores the {@code Gh} of older documentation, which would check nothing of GitHub's.
 */
class SarifOutputTest {
  @TempDir Path tmp;

  private List<Path> corpusSarif() throws Exception {
    List<Path> out = new ArrayList<>();
    for (Path dir : Corpus.cases()) {
      Path f = tmp.resolve(dir.getFileName() + ".sarif");
      CliTest.Run r = CliTest.run("check", "--format", "sarif", "--fail-on", "none", "--output", f.toString(), dir.toString());
      assertEquals(0, r.code(), dir + ": " + r.err());
      out.add(f);
    }
    return out;
  }

  @Test
  void everyCorpusScenarioGivesSchemaValidSarif() throws Exception {
    List<String> problems = new ArrayList<>();
    for (Path f : corpusSarif()) {
      List<String> errors = SarifSchemaValidation.validate(Files.readString(f));
      if (!errors.isEmpty()) problems.add(f.getFileName() + ": " + errors);
      JsonNode run = new ObjectMapper().readTree(f.toFile()).get("runs").get(0);
      assertTrue(run.get("tool").get("driver").get("rules").size() > 0, f + " lists no rules");
      for (JsonNode res : run.path("results")) {
        assertEquals("%SRCROOT%", res.get("locations").get(0).get("physicalLocation").get("artifactLocation")
            .get("uriBaseId").asText(), f + ": result not relative to %SRCROOT%");
      }
    }
    if (!problems.isEmpty()) fail(String.join("\n", problems));
  }

  @Test
  void sarifMultitoolFindsNoError() throws Exception {
    String tool = System.getenv("SARIF_MULTITOOL");
    if (tool == null || !Files.isExecutable(Path.of(tool))) {
      String why = "SARIF_MULTITOOL not set to the sarif-multitool executable: Multitool validation skipped";
      if ("1".equals(System.getenv("KMODLINT_REQUIRE_ORACLES"))) fail(why);
      Assumptions.abort(why);
    }
    List<String> problems = new ArrayList<>();
    int warnings = 0;
    List<Path> files = new ArrayList<>(corpusSarif());
    try (var samples = Files.list(SarifSamplesTest.DIR)) {
      samples.filter(f -> f.toString().endsWith(".sarif")).sorted().forEach(files::add);
    }
    assertTrue(files.size() > Corpus.cases().size(), "no sarif-samples/ to validate");
    // and a run compared with a baseline: baselineState on every result, absent ones carried over
    Path compared = tmp.resolve("with-baseline.sarif");
    CliTest.Run b = CliTest.run("check", "--format", "sarif", "--fail-on", "none", "--baseline",
        tmp.resolve("params-permissions.sarif").toString(), "--output", compared.toString(),
        Corpus.DIR.resolve("params-types").toString());
    assertEquals(0, b.code(), b.err());
    assertTrue(Files.readString(compared).contains("\"absent\""), "the baseline run has no absent result");
    files.add(compared);
    // one invocation for all files: the Multitool's start-up dominates its run time
    Path out = tmp.resolve("validation.sarif");
    List<String> cmd = new ArrayList<>(List.of(tool, "validate", "--rule-kind", "Ghas;Sarif", "--level", "Error;Warning",
        "--log", "ForceOverwrite", "--output", out.toString()));
    for (Path f : files) cmd.add(f.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "sarif-multitool timed out");
    assertTrue(Files.exists(out), "sarif-multitool wrote no output:\n" + log);
    for (JsonNode run : new ObjectMapper().readTree(out.toFile()).path("runs")) {
      for (JsonNode res : run.path("results")) {
        String level = res.path("level").asText("warning");
        String where = res.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText();
        String msg = where + ": " + level + " " + res.path("ruleId").asText() + " "
            + res.path("message").path("text").asText();
        if (level.equals("error")) problems.add(msg);
        else if (level.equals("warning")) {
          warnings++;
          System.out.println("sarif-multitool " + msg);
        }
      }
    }
    System.out.println("sarif-multitool: " + files.size() + " files, " + problems.size() + " errors, " + warnings + " warnings");
    if (!problems.isEmpty()) fail(String.join("\n", problems));
    assertEquals(0, warnings, "sarif-multitool warnings (printed above)");
  }
}
