package dev.kmodlint.sarif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.Project;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.report.Tool;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.RuleDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifWriterTest {
  /** codeql-action prints the hash with JavaScript's toString(16): up to 16 digits, unpadded. */
  private static final Pattern LINE_HASH = Pattern.compile("^[0-9a-f]{1,16}:\\d+$");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");
  private static final Instant END = Instant.parse("2026-11-26T09:00:01.250Z");

  private static final RuleDescriptor SPDX = new RuleDescriptor(
      "license/spdx-missing", Level.WARNING, "Source file has no SPDX license identifier.",
      "Every kernel source file starts with an SPDX-License-Identifier line.",
      List.of("maintainability"), "very-high", "checkpatch");
  private static final RuleDescriptor INIT = new RuleDescriptor(
      "module/init-without-exit", Level.ERROR, "Module has module_init but no module_exit.",
      "A module that registers an init function but no exit function cannot be unloaded.",
      List.of("correctness", "module"), "high", "none");
  private static final RuleDescriptor STYLE = new RuleDescriptor(
      "style/printk-without-level", Level.NOTE, "printk call has no KERN_ level.",
      "printk without a log level uses the default console level.",
      List.of(), "medium", "checkpatch");

  @TempDir Path temp;
  private Path root;
  private Path driver;
  private Path header;
  private Path outside;

  @BeforeEach
  void files() throws IOException {
    root = Files.createDirectories(temp.resolve("scan root"));
    driver = write(root.resolve("drivers/my dev/main.c"), """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/module.h>
        static int __init probe_init(void)
        {
        \tprintk("hello\\n");
        \treturn 0;
        }
        module_init(probe_init);
        """);
    header = write(root.resolve("include/kmod.h"), "#pragma once\nint kmod_helper(void);\n");
    outside = write(temp.resolve("elsewhere/shared.c"), "int shared;\n");
  }

  private AnalysisResult result(List<Finding> findings) {
    return new AnalysisResult(root, new Project(root, List.of(), List.of()),
        List.of(SPDX, INIT, STYLE), findings,
        List.of(
            Notification.at("parse-failure", Level.WARNING, "Could not parse the file completely.",
                new SourcePosition(header, 2, 5, 2, 16)),
            Notification.of("kernel-headers-missing", Level.NOTE, "No kernel headers were found.")),
        START, END, true, 3);
  }

  private List<Finding> findings() {
    return List.of(
        new Finding("module/init-without-exit", Level.ERROR,
            "Module 'main' calls module_init(probe_init) but has no module_exit.",
            new SourcePosition(driver, 8, 1, 8, 25),
            List.of(
                new Finding.Related(new SourcePosition(driver, 3, 19, 3, 29), "Init function 'probe_init'."),
                new Finding.Related(new SourcePosition(header, 2, 5, 2, 16), "Helper declared here."))),
        new Finding("style/printk-without-level", Level.NOTE, "printk call has no KERN_ level.",
            new SourcePosition(driver, 5, 2, 5, 8), List.of()),
        new Finding("license/spdx-missing", Level.WARNING, "File has no SPDX-License-Identifier line.",
            SourcePosition.startOf(header), List.of()),
        new Finding("license/spdx-missing", Level.WARNING, "File has no SPDX-License-Identifier line.",
            SourcePosition.startOf(outside), List.of()));
  }

  private JsonNode sarif(AnalysisResult result) throws IOException {
    return JSON.readTree(SarifWriter.toJson(result));
  }

  @Test
  void outputIsSchemaValid() throws IOException {
    String json = SarifWriter.toJson(result(findings()));
    assertEquals(List.of(), SarifSchemaValidation.validate(json));
    // kept for scripts/sarif-validate (the SARIF multitool) and for eyeballing
    Path sample = Path.of("target", "sarif-samples", "writer-test.sarif");
    Files.createDirectories(sample.getParent());
    Files.writeString(sample, json);
  }

  @Test
  void emptyRunIsSchemaValid() throws IOException {
    AnalysisResult empty = new AnalysisResult(root, new Project(root, List.of(), List.of()),
        List.of(), List.of(), List.of(), START, END, false, 0);
    String json = SarifWriter.toJson(empty);
    assertEquals(List.of(), SarifSchemaValidation.validate(json));
    JsonNode run = JSON.readTree(json).get("runs").get(0);
    assertEquals(0, run.get("results").size(), "GitHub wants results present even when empty");
    assertFalse(run.get("invocations").get(0).get("executionSuccessful").asBoolean());
  }

  @Test
  void validatorRejectsInvalidSarif() {
    String invalid = """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {}},
          "results": [{"message": {}, "level": "fatal", "locations": [{"id": "one"}]}]}]}
        """;
    List<String> errors = SarifSchemaValidation.validate(invalid);
    assertTrue(errors.size() >= 3, () -> "expected several errors, got " + errors);
    assertTrue(errors.stream().anyMatch(e -> e.contains("name")), errors::toString);
    assertTrue(errors.stream().anyMatch(e -> e.contains("level") && e.contains("enumeration")),
        errors::toString);
  }

  @Test
  void logAndDriver() throws IOException {
    JsonNode log = sarif(result(findings()));
    assertEquals("https://json.schemastore.org/sarif-2.1.0.json", log.get("$schema").asText());
    assertEquals("2.1.0", log.get("version").asText());
    assertEquals(1, log.get("runs").size());
    JsonNode run = log.get("runs").get(0);
    assertEquals("utf16CodeUnits", run.get("columnKind").asText());
    JsonNode driver = run.get("tool").get("driver");
    assertEquals("kmodlint", driver.get("name").asText());
    assertEquals(Tool.version(), driver.get("version").asText());
    assertEquals(Tool.version(), driver.get("semanticVersion").asText());
    assertEquals(Tool.INFORMATION_URI, driver.get("informationUri").asText());
  }

  @Test
  void rulesKeepTheirOrderAndCarryGitHubMetadata() throws IOException {
    JsonNode rules = sarif(result(findings())).at("/runs/0/tool/driver/rules");
    assertEquals(3, rules.size());
    assertEquals("license/spdx-missing", rules.get(0).get("id").asText());
    assertEquals("module/init-without-exit", rules.get(1).get("id").asText());
    assertEquals("style/printk-without-level", rules.get(2).get("id").asText());

    JsonNode spdx = rules.get(0);
    assertEquals("LicenseSpdxMissing", spdx.get("name").asText());
    assertEquals(SPDX.summary(), spdx.at("/shortDescription/text").asText());
    assertEquals(SPDX.description(), spdx.at("/fullDescription/text").asText());
    String help = Tool.ruleDoc(SPDX.id()).orElse(SPDX.description());
    assertEquals(help, spdx.at("/help/text").asText());
    assertEquals(help, spdx.at("/help/markdown").asText());
    assertEquals(Tool.helpUri(SPDX.id()), spdx.get("helpUri").asText());
    assertEquals("warning", spdx.at("/defaultConfiguration/level").asText(), "default level is explicit");
    assertEquals(List.of("maintainability", "license"), texts(spdx.at("/properties/tags")));
    assertEquals("very-high", spdx.at("/properties/precision").asText());
    assertEquals("warning", spdx.at("/properties/problem.severity").asText());

    assertEquals("error", rules.get(1).at("/defaultConfiguration/level").asText());
    assertEquals("error", rules.get(1).at("/properties/problem.severity").asText());
    assertEquals(List.of("correctness", "module"), texts(rules.get(1).at("/properties/tags")),
        "the family is not repeated when it already is a tag");
    assertEquals("note", rules.get(2).at("/defaultConfiguration/level").asText());
    assertEquals("recommendation", rules.get(2).at("/properties/problem.severity").asText());
    assertEquals(List.of("style"), texts(rules.get(2).at("/properties/tags")));
  }

  @Test
  void resultsPointIntoTheScanRoot() throws IOException {
    JsonNode run = sarif(result(findings())).at("/runs/0");
    assertEquals(rootUri(), run.at("/originalUriBaseIds/%SRCROOT%/uri").asText());
    assertTrue(run.at("/originalUriBaseIds/%SRCROOT%/uri").asText().endsWith("/"));

    JsonNode results = run.get("results");
    assertEquals(4, results.size());
    JsonNode init = results.get(0);
    assertEquals("module/init-without-exit", init.get("ruleId").asText());
    assertEquals(1, init.get("ruleIndex").asInt());
    assertEquals("error", init.get("level").asText());
    assertEquals("Module 'main' calls module_init(probe_init) but has no module_exit."
        + " (see [Init function 'probe_init'.](1), [Helper declared here.](2))",
        init.at("/message/text").asText(), "related locations are linked from the message");
    assertEquals(1, init.get("locations").size());
    JsonNode physical = init.at("/locations/0/physicalLocation");
    assertEquals("drivers/my%20dev/main.c", physical.at("/artifactLocation/uri").asText());
    assertEquals("%SRCROOT%", physical.at("/artifactLocation/uriBaseId").asText());
    assertEquals(8, physical.at("/region/startLine").asInt());
    assertEquals(1, physical.at("/region/startColumn").asInt());
    assertEquals(8, physical.at("/region/endLine").asInt());
    assertEquals(25, physical.at("/region/endColumn").asInt());

    JsonNode related = init.get("relatedLocations");
    assertEquals(2, related.size());
    assertEquals(1, related.get(0).get("id").asInt());
    assertEquals("Init function 'probe_init'.", related.get(0).at("/message/text").asText());
    assertEquals(3, related.get(0).at("/physicalLocation/region/startLine").asInt());
    assertEquals(19, related.get(0).at("/physicalLocation/region/startColumn").asInt());
    assertEquals(29, related.get(0).at("/physicalLocation/region/endColumn").asInt());
    assertEquals(2, related.get(1).get("id").asInt());
    assertEquals("include/kmod.h", related.get(1).at("/physicalLocation/artifactLocation/uri").asText());

    assertEquals(2, results.get(1).get("ruleIndex").asInt());
    assertEquals("note", results.get(1).get("level").asText());
    assertFalse(results.get(1).has("relatedLocations"), "no empty arrays");

    JsonNode spdx = results.get(2);
    assertEquals(0, spdx.get("ruleIndex").asInt(), "index 0 is written, not taken for a default");
    assertEquals("warning", spdx.get("level").asText(), "the default level is still explicit");
    JsonNode wholeLine = spdx.at("/locations/0/physicalLocation/region");
    assertEquals(1, wholeLine.get("startLine").asInt());
    assertEquals(1, wholeLine.get("endLine").asInt());
    assertFalse(wholeLine.has("startColumn") || wholeLine.has("endColumn"),
        "an empty region means the whole line: " + wholeLine);

    for (JsonNode r : results) {
      String hash = r.at("/partialFingerprints/primaryLocationLineHash").asText();
      assertTrue(LINE_HASH.matcher(hash).matches(), hash);
    }
  }

  @Test
  void fileOutsideTheScanRootGetsAnAbsoluteUri() throws IOException {
    JsonNode artifact = sarif(result(findings())).at("/runs/0/results/3/locations/0/physicalLocation/artifactLocation");
    assertEquals(outside.toUri().toString(), artifact.get("uri").asText());
    assertTrue(artifact.get("uri").asText().startsWith("file:///"));
    assertFalse(artifact.has("uriBaseId"));
  }

  @Test
  void notificationsGoToTheInvocation() throws IOException {
    JsonNode invocation = sarif(result(findings())).at("/runs/0/invocations/0");
    assertTrue(invocation.get("executionSuccessful").asBoolean());
    assertEquals("2026-11-26T09:00:00.000Z", invocation.get("startTimeUtc").asText());
    assertEquals("2026-11-26T09:00:01.250Z", invocation.get("endTimeUtc").asText());
    JsonNode notes = invocation.get("toolExecutionNotifications");
    assertEquals(2, notes.size());

    JsonNode parse = notes.get(0);
    assertEquals("parse-failure", parse.at("/descriptor/id").asText());
    assertEquals("warning", parse.get("level").asText());
    assertEquals("Could not parse the file completely.", parse.at("/message/text").asText());
    JsonNode physical = parse.at("/locations/0/physicalLocation");
    assertEquals("include/kmod.h", physical.at("/artifactLocation/uri").asText());
    assertEquals("%SRCROOT%", physical.at("/artifactLocation/uriBaseId").asText());
    assertEquals(5, physical.at("/region/startColumn").asInt());

    JsonNode headers = notes.get(1);
    assertEquals("kernel-headers-missing", headers.at("/descriptor/id").asText());
    assertEquals("note", headers.get("level").asText());
    assertFalse(headers.has("locations"));
  }

  @Test
  void fingerprintFollowsTheLineNotItsNumber() throws IOException {
    String first = fingerprint(result(List.of(initFinding(8))));
    assertEquals(LineHashes.of(Files.readString(driver)).get(7), first);

    String original = Files.readString(driver);
    Files.writeString(driver, "/* a comment added far above */\n" + original);
    assertEquals(first, fingerprint(result(List.of(initFinding(9)))), "inserting a line above keeps the hash");

    Files.writeString(driver, original.replace("module_init(probe_init);", "module_init(other_init);"));
    assertNotEquals(first, fingerprint(result(List.of(initFinding(8)))), "editing the line changes the hash");
  }

  @Test
  void unreadableOrShortFileHasNoFingerprint() throws IOException {
    Path gone = root.resolve("gone.c");
    JsonNode r = sarif(result(List.of(
        new Finding(SPDX.id(), Level.WARNING, "Gone.", SourcePosition.line(gone, 3), List.of()),
        new Finding(SPDX.id(), Level.WARNING, "Past the end.", SourcePosition.line(header, 40), List.of()))))
        .at("/runs/0/results");
    assertFalse(r.get(0).at("/partialFingerprints").has(SarifWriter.LINE_HASH));
    assertFalse(r.get(1).at("/partialFingerprints").has(SarifWriter.LINE_HASH));
  }

  @Test
  void unknownRuleHasNoIndex() throws IOException {
    JsonNode r = sarif(result(List.of(new Finding("other/rule", Level.NOTE, "Orphan.",
        SourcePosition.line(header, 1), List.of())))).at("/runs/0/results/0");
    assertEquals("other/rule", r.get("ruleId").asText());
    assertFalse(r.has("ruleIndex"));
  }

  @Test
  void outputIsStableLfPrettyJsonWithoutEmptyContainers() throws IOException {
    AnalysisResult result = result(findings());
    String json = SarifWriter.toJson(result);
    assertEquals(json, SarifWriter.toJson(result));
    assertFalse(json.contains("\r"));
    assertTrue(json.endsWith("}\n"));
    assertTrue(json.startsWith("{\n  \"$schema\": "), json.substring(0, 40));
    assertFalse(Pattern.compile("\\[\\s*]|\\{\\s*}").matcher(json).find(), "empty array or object");
    assertFalse(json.contains("\"kind\""), "schema defaults stay implicit");
    assertFalse(Pattern.compile(": -1\\b").matcher(json).find(), "no -1 default indices");
  }

  @Test
  void writeLeavesTheStreamOpen() throws IOException {
    class Tracking extends ByteArrayOutputStream {
      boolean closed;

      @Override
      public void close() {
        closed = true;
      }
    }
    Tracking out = new Tracking();
    SarifWriter.write(result(findings()), out);
    assertFalse(out.closed);
    assertEquals(SarifWriter.toJson(result(findings())), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void uriSegmentsArePercentEncoded() {
    assertEquals("my%20dev", ArtifactUris.encode("my dev"));
    assertEquals("a%3Ab%25c%23d%3Fe", ArtifactUris.encode("a:b%c#d?e"));
    assertEquals("caf%C3%A9+x,y@z", ArtifactUris.encode("café+x,y@z"));
    assertEquals("lib_a-b.c~", ArtifactUris.encode("lib_a-b.c~"));
  }

  private static SarifWriter.Options options(String category, Path sourceRoot, boolean omitSuppressed, int max) {
    return new SarifWriter.Options(java.util.Optional.ofNullable(category), java.util.Optional.ofNullable(sourceRoot),
        omitSuppressed, java.util.Optional.empty(), max);
  }

  private JsonNode sarif(AnalysisResult result, SarifWriter.Options options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SarifWriter.write(result, options, out);
    String json = out.toString(StandardCharsets.UTF_8);
    assertEquals(List.of(), SarifSchemaValidation.validate(json));
    return JSON.readTree(json);
  }

  @Test
  void suppressedResultsStayWithTheirSuppressionUnlessOmitted() throws IOException {
    List<Finding> all = findings();
    AnalysisResult r = result(all).withFindings(all.subList(1, 4), List.of(all.get(0)), result(all).notifications());
    JsonNode results = sarif(r, SarifWriter.Options.defaults()).at("/runs/0/results");
    assertEquals(4, results.size());
    java.util.Set<JsonNode> activePrints = new java.util.HashSet<>();
    for (JsonNode x : results) {
      boolean suppressed = x.has("suppressions");
      assertEquals(x.get("ruleId").asText().equals(INIT.id()), suppressed, x.toString());
      if (suppressed) assertEquals("inSource", x.at("/suppressions/0/kind").asText());
      else activePrints.add(x.get("partialFingerprints"));
    }

    JsonNode omitted = sarif(r, options(null, null, true, 25_000)).at("/runs/0/results");
    assertEquals(3, omitted.size());
    java.util.Set<JsonNode> omittedPrints = new java.util.HashSet<>();
    for (JsonNode x : omitted) {
      assertFalse(x.has("suppressions"));
      omittedPrints.add(x.get("partialFingerprints"));
    }
    assertEquals(activePrints, omittedPrints, "leaving results out changes no fingerprint");
  }

  @Test
  void automationDetailsNameTheToolAndTheCategory() throws IOException {
    assertEquals("kmodlint/", sarif(result(findings())).at("/runs/0/automationDetails/id").asText());
    assertEquals("kmodlint/drivers-net/",
        sarif(result(findings()), options("drivers-net", null, false, 25_000)).at("/runs/0/automationDetails/id").asText());
  }

  @Test
  void sourceRootIsWhatUrisAreRelativeTo() throws IOException {
    JsonNode run = sarif(result(findings()), options(null, temp, false, 25_000)).at("/runs/0");
    assertEquals("scan%20root/drivers/my%20dev/main.c",
        run.at("/results/0/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertEquals("elsewhere/shared.c", run.at("/results/3/locations/0/physicalLocation/artifactLocation/uri").asText());
  }

  @Test
  void aboveTheCapTheMostSevereAreKeptAndTheRunSaysSo() throws IOException {
    JsonNode run = sarif(result(findings()), options(null, null, false, 2)).at("/runs/0");
    JsonNode results = run.get("results");
    assertEquals(2, results.size());
    assertEquals("error", results.get(0).get("level").asText());
    assertEquals("warning", results.get(1).get("level").asText());
    boolean said = false;
    for (JsonNode n : run.at("/invocations/0/toolExecutionNotifications")) {
      if (n.at("/descriptor/id").asText().equals("results-truncated")) {
        said = true;
        assertTrue(n.at("/message/text").asText().startsWith("4 results are more than the 2"), n.toString());
      }
    }
    assertTrue(said, "no results-truncated notification");
  }

  @Test
  void bracketsOfAMessageWithLinksAreEscaped() {
    Finding f = new Finding(INIT.id(), Level.ERROR, "buf is char[16]", SourcePosition.line(driver, 3),
        List.of(new Finding.Related(SourcePosition.line(driver, 1), "declared [here]")));
    assertEquals("buf is char\\[16\\] (see [declared \\[here\\]](1))", SarifWriter.messageText(f));
    assertEquals("plain [text]", SarifWriter.messageText(new Finding(INIT.id(), Level.ERROR, "plain [text]",
        SourcePosition.line(driver, 3), List.of())), "without links nothing needs escaping");
  }

  private Finding initFinding(int line) {
    return new Finding(INIT.id(), Level.ERROR, "No module_exit.",
        new SourcePosition(driver, line, 1, line, 25), List.of());
  }

  private String fingerprint(AnalysisResult result) throws IOException {
    return sarif(result).at("/runs/0/results/0/partialFingerprints/primaryLocationLineHash").asText();
  }

  private String rootUri() {
    String uri = root.toAbsolutePath().normalize().toUri().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
