package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.cli.Main;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users run it: exit codes, text format, SARIF file, errors. */
class CliTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, out, err);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String corpus(String name) {
    return Corpus.DIR.resolve(name).toString();
  }

  @Test
  void moduleWithoutLicenseExitsOneWithACompilerStyleLine() {
    Run r = run("check", corpus("license-missing-single"));
    assertEquals(1, r.code(), r.out() + r.err());
    String line = r.out().lines().filter(l -> l.contains("[license/missing]")).findFirst().orElseThrow();
    assertTrue(line.matches(".*license-missing-single/hello\\.c:17:1: error: module hello has no MODULE_LICENSE.*"), line);
    assertTrue(r.out().strip().lines().reduce((a, b) -> b).orElseThrow().matches("1 error in 1 module \\(1 file\\) in \\d+\\.\\ds.*"),
        r.out());
  }

  @Test
  void helloWorldGivesNothingAndExitsZero() {
    Run r = run("check", corpus("hello-clean"));
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().startsWith("no problems in 1 module (1 file) in "), r.out());
  }

  @Test
  void failOnDecidesTheExitCode() {
    assertEquals(0, run("check", "--fail-on", "none", corpus("license-missing-single")).code());
    assertEquals(0, run("check", corpus("description-missing")).code(), "warnings only");
    assertEquals(1, run("check", "--fail-on", "warning", corpus("description-missing")).code());
    assertEquals(1, run("check", "--fail-on", "note", corpus("tutorial-params")).code());
  }

  /** A module directory scanned alone still reads the header its source includes from above it. */
  @Test
  void aHeaderAboveTheScannedDirectoryIsReadWithinTheRepository() {
    Run r = run("check", corpus("include-above") + "/driver");
    assertEquals(0, r.code(), r.out() + r.err());
    assertFalse(r.out().contains("[license/"), r.out());
    Run sarif = run("check", "--format", "sarif", corpus("include-above") + "/driver");
    assertFalse(sarif.out().matches("(?s).*\"id\": *\"rule-skipped\".*"), "nothing is skipped for want of the header");
  }

  @Test
  void aSingleFileIsAnalyzedWithItsModule() {
    Run r = run("check", corpus("composite-license-in-helper") + "/main.c");
    assertEquals(0, r.code(), r.out() + r.err());
    assertFalse(r.out().contains("license/missing"), r.out());
  }

  @Test
  void aConfFileNamedOnTheCommandLineIsReadAsModprobeConfiguration() throws Exception {
    // the module's own tree, and a configuration file kept elsewhere (/etc/modprobe.d/ in real life)
    Path conf = tmp.resolve("mydrv-local.conf");
    Files.writeString(conf, "options mydrv irq_num=22\noptions mydrv irq_num=0x1g\n");
    Run r = run("check", corpus("hello-clean"), Corpus.DIR.resolve("deploy-acceptance/mydrv.c").toString(),
        conf.toString());
    // mydrv.c is analyzed with its whole module, so the deploy-acceptance modprobe.d file, whose
    // findings name mydrv.c's parameters, is read too; only the named file's are counted here
    List<String> named = r.out().lines().filter(l -> l.contains("[modprobe/") && l.contains("mydrv-local.conf")).toList();
    assertEquals(1, named.size(), r.out());
    assertTrue(named.get(0).matches(".*mydrv-local\\.conf:2:15: error: invalid value for parameter irq_num of mydrv .*"),
        named.get(0));
  }

  @Test
  void sarifGoesToTheOutputFileAndTheSummaryToStderr() throws Exception {
    Path f = tmp.resolve("out.sarif");
    Run r = run("check", "--format", "sarif", "--output", f.toString(), corpus("license-missing-single"));
    assertEquals(1, r.code());
    assertEquals("", r.out());
    var sarif = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
    assertEquals("license/missing", sarif.get("runs").get(0).get("results").get(0).get("ruleId").asText());
    assertTrue(r.err().contains("1 error"), r.err());
  }

  @Test
  void usageAndIoErrorsExitTwoWithOneLine() {
    Run missing = run("check", tmp.resolve("nope").toString());
    assertEquals(2, missing.code());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
    assertTrue(missing.err().contains("no such file or directory"), missing.err());
    assertFalse(missing.err().contains("Exception"), missing.err());

    Run badOption = run("check", "--format", "xml", corpus("hello-clean"));
    assertEquals(2, badOption.code());
    assertTrue(badOption.err().startsWith("kmodlint: "), badOption.err());

    Run noPath = run("check");
    assertEquals(2, noPath.code());

    Run badSymvers = run("check", "--symvers", tmp.resolve("Module.symvers").toString(), corpus("hello-clean"));
    assertEquals(2, badSymvers.code());

    Run badOutput = run("check", "--output", tmp.resolve("no/such/dir/x.txt").toString(), corpus("hello-clean"));
    assertEquals(2, badOutput.code());
  }

  @Test
  void rulesListsEveryRuleWithLevelAndSummary() {
    Run r = run("rules");
    assertEquals(0, r.code());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.stream().anyMatch(l -> l.matches("license/missing\\s+error\\s+Module has no MODULE_LICENSE.*")), r.out());
    assertEquals(dev.kmodlint.engine.RuleRegistry.discover().rules().size(), lines.size());
  }

  @Test
  void filesNamedOneByOneAreAnalyzedWithTheirModuleAndReportOnlyWhatConcernsThem() {
    Run sym = run("check", "--fail-on", "none", corpus("params-permissions") + "/symww.c");
    assertTrue(sym.out().contains("symww.c:"), sym.out());
    assertFalse(sym.out().contains("perms.c:"), "findings of another file: " + sym.out());
    // symww is a module of its own: perms.c, the other module of the directory, is not even read
    assertTrue(sym.out().contains("in 1 module (1 file)"), "only the file's own module is read: " + sym.out());

    // the conflict is reported in extra.c, but core.c's license is half of it
    Run core = run("check", corpus("license-conflicting") + "/core.c");
    assertTrue(core.out().contains("extra.c:9:1: warning: ") && core.out().contains("[license/conflicting]"), core.out());

    Run wholeDirectory = run("check", "--fail-on", "none", corpus("params-permissions"),
        corpus("params-permissions") + "/symww.c");
    assertTrue(wholeDirectory.out().contains("perms.c:"), "a directory named is reported whole: " + wholeDirectory.out());
  }

  @Test
  void sarifCategoryAndSourceRoot() throws Exception {
    Path f = tmp.resolve("out.sarif");
    Run r = run("check", "--format", "sarif", "--category", "drivers", "--source-root", Corpus.ROOT.toString(),
        "--output", f.toString(), corpus("license-missing-single"));
    assertEquals(1, r.code(), r.err());
    var run = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile()).get("runs").get(0);
    assertEquals("kmodlint/drivers/", run.at("/automationDetails/id").asText());
    assertEquals("test-corpus/license-missing-single/hello.c",
        run.at("/results/0/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertEquals(2, run("check", "--source-root", tmp.resolve("nope").toString(), corpus("hello-clean")).code());
  }
}
