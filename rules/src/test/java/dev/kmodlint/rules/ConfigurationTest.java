package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .kmodlint.yaml}: found by walking up, rules and families on/off/leveled, excludes, fail-on; the CLI wins. */
class ConfigurationTest {
  @TempDir Path tmp;
  private Path project;
  private Path tree;

  @BeforeEach
  void copyOfAScenario() throws Exception {
    project = tmp.resolve("project");
    tree = project.resolve("drivers/params");
    Corpus.copy("params-permissions", tree);
  }

  private void config(String yaml) throws Exception {
    Files.writeString(project.resolve(".kmodlint.yaml"), yaml);
  }

  @Test
  void withoutAConfigurationEveryRuleReports() {
    CliTest.Run r = CliTest.run("check", tree.toString());
    assertEquals(1, r.code());
    assertTrue(r.out().contains("[param/non-octal-permission]") && r.out().contains("[param/symbolic-permission]"),
        r.out());
  }

  @Test
  void rulesAndFamiliesAreTurnedOffOrLeveledFromAFileAbove() throws Exception {
    config("""
        # the team's choices
        rules:
          param: off
          param/symbolic-permission: warning   # the specific entry wins over its family
        """);
    CliTest.Run r = CliTest.run("check", tree.toString());
    assertEquals(0, r.code(), "only a warning is left: " + r.out());
    assertFalse(r.out().contains("[param/non-octal-permission]"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.contains(": warning: ") && l.endsWith("[param/symbolic-permission]")),
        r.out());
  }

  @Test
  void excludedFilesReportNothingButStillCount() throws Exception {
    config("exclude: [\"drivers/params/perms.c\"]\n");
    CliTest.Run r = CliTest.run("check", "--fail-on", "none", tree.toString());
    assertFalse(r.out().contains("perms.c:"), r.out());
    assertTrue(r.out().contains("symww.c:"), r.out());
    config("exclude: [\"drivers/**\"]\n");
    assertTrue(CliTest.run("check", tree.toString()).out().startsWith("no problems"), "drivers/** excludes all");
  }

  @Test
  void failOnComesFromTheFileUnlessTheCommandLineSaysOtherwise() throws Exception {
    config("rules:\n  param: note\nfail-on: note\n");
    assertEquals(1, CliTest.run("check", tree.toString()).code());
    assertEquals(0, CliTest.run("check", "--fail-on", "error", tree.toString()).code(), "the command line wins");
    config("rules:\n  param: note\n");
    assertEquals(0, CliTest.run("check", tree.toString()).code());
  }

  @Test
  void noConfigAndAnExplicitConfigFile() throws Exception {
    config("rules:\n  param: off\n");
    assertTrue(CliTest.run("check", "--no-config", tree.toString()).out().contains("[param/"));
    Path other = Files.writeString(tmp.resolve("strict.yaml"), "rules:\n  param/symbolic-permission: error\n");
    CliTest.Run r = CliTest.run("check", "--config", other.toString(), tree.toString());
    assertTrue(r.out().lines().anyMatch(l -> l.contains(": error: ") && l.endsWith("[param/symbolic-permission]")),
        r.out());
  }

  @Test
  void kdirAndSymversAreReadRelativeToTheFile() throws Exception {
    config("kdir: no-such-kernel\n");
    CliTest.Run r = CliTest.run("check", tree.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(project.resolve("no-such-kernel").toString()), r.err());
    config("symvers: [extra/Module.symvers]\n");
    CliTest.Run s = CliTest.run("check", tree.toString());
    assertEquals(2, s.code());
    assertTrue(s.err().contains(project.resolve("extra/Module.symvers") + ": no such file"), s.err());
  }

  @Test
  void anInvalidFileIsOneLineWithItsLineNumberAndExitTwo() throws Exception {
    String[][] cases = {
        {"rules:\n  param: maybe\n", ":2: a rule setting is off, on, error, warning or note, not 'maybe'"},
        {"rules:\n  param/world-writable: off\nfail-on: sometimes\n", ":3: fail-on must be"},
        {"exclude: [a\nrules: {\n", ": invalid YAML"},
        {"\n\nlevels:\n  param: off\n", ":3: unknown key 'levels'"},
        {"rules:\n  Param_World: off\n", ":2: 'Param_World' is not a rule ID"},
        {"- just\n- a list\n", ":1: the file must be a mapping"},
    };
    for (String[] c : cases) {
      config(c[0]);
      CliTest.Run r = CliTest.run("check", tree.toString());
      assertEquals(2, r.code(), c[0] + " -> " + r.out() + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("kmodlint: " + project.resolve(".kmodlint.yaml")), r.err());
      assertTrue(r.err().contains(c[1]), c[0] + " -> " + r.err());
    }
  }

  @Test
  void anUnknownRuleInTheFileIsSaid() throws Exception {
    config("rules:\n  param/world-writeable: off\n");
    CliTest.Run r = CliTest.run("check", tree.toString());
    assertTrue(r.out().contains("sets 'param/world-writeable', which is neither a rule nor a family")
        && r.out().contains("[kmodlint:config-unknown-rule]"), r.out());
  }
}
