package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * meta/unused-suppression through the command line: the corpus has the cases that fire and
 * those that must not (a rule skipped in the run); here, a rule the configuration turns off.
 */
class UnusedSuppressionTest {
  @TempDir Path tmp;

  private static List<String> unused(CliTest.Run r) {
    return r.out().lines().filter(l -> l.endsWith("[meta/unused-suppression]")).toList();
  }

  @Test
  void aSuppressionOfARuleTheConfigurationTurnsOffIsNotReported() throws Exception {
    Path tree = Corpus.copy("suppressions", tmp.resolve("suppressions"));
    List<String> before = unused(CliTest.run("check", "--fail-on", "none", tree.toString()));
    assertTrue(before.stream().anyMatch(l -> l.contains("quiet.c:46:31: warning: 'param/world-writable' suppresses"
        + " nothing: there is no param/world-writable finding on the next line")), before.toString());
    assertEquals(3, before.size(), before.toString());

    Files.writeString(tree.resolve(".kmodlint.yaml"), "rules:\n  param/world-writable: off\n  init: off\n");
    List<String> after = unused(CliTest.run("check", "--fail-on", "none", tree.toString()));
    assertEquals(1, after.size(), "only symbol/extern-in-c is left: " + after);
    assertTrue(after.get(0).contains("'symbol/extern-in-c'"), after.toString());

    Files.writeString(tree.resolve(".kmodlint.yaml"), "rules:\n  meta/unused-suppression: off\n");
    assertEquals(List.of(), unused(CliTest.run("check", "--fail-on", "none", tree.toString())), "the rule itself off");
  }

  @Test
  void aSuppressionThatIsUsedAgainIsNotReported() throws Exception {
    Path tree = Corpus.copy("suppressions", tmp.resolve("suppressions"));
    Path quiet = tree.resolve("quiet.c");
    Files.writeString(quiet, Files.readString(quiet).replace("module_param(calm, int, 0444);",
        "module_param(calm, int, 0666);"));
    List<String> lines = unused(CliTest.run("check", "--fail-on", "none", tree.toString()));
    assertTrue(lines.stream().noneMatch(l -> l.contains("quiet.c:46:")), lines.toString());
    assertEquals(2, lines.size(), lines.toString());
  }
}
