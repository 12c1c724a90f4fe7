package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names a user mistyped are caught, and each gets a "did you mean". */
class TyposTest {
  @TempDir Path tmp;

  private static String lineWith(String text, String needle) {
    return text.lines().filter(l -> l.contains(needle)).findFirst()
        .orElseThrow(() -> new AssertionError("no line with " + needle + " in:\n" + text));
  }

  @Test
  void anUnknownCommandSuggestsTheNearestAndNamesTheRightHelp() {
    CliTest.Run r = CliTest.run("chek", CliTest.corpus("hello-clean"));
    assertEquals(2, r.code());
    List<String> lines = r.err().strip().lines().toList();
    assertTrue(lines.get(0).startsWith("kmodlint: unknown command 'chek' (did you mean 'check'?)"), r.err());
    assertEquals("Try 'kmodlint --help' for more information.", lines.get(1), "not 'kmodlint kmodlint'");
  }

  @Test
  void anUnknownOptionSuggestsTheNearest() {
    CliTest.Run r = CliTest.run("check", "--fail-of", "none", CliTest.corpus("hello-clean"));
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("kmodlint: unknown option '--fail-of' (did you mean '--fail-on'?)"), r.err());
    assertTrue(r.err().contains("Try 'kmodlint check --help'"), r.err());
  }

  @Test
  void suppressionsWithAMisspeltRuleOrDirectiveAreReportedWithWhatWasMeant() throws Exception {
    CliTest.Run r = CliTest.run("check", "--fail-on", "none", CliTest.corpus("suppressions"));
    assertTrue(lineWith(r.out(), "'param/world-writeable'").endsWith("it suppresses nothing (did you mean"
        + " 'param/world-writable'?) [meta/unknown-suppression]"), r.out());
    assertTrue(lineWith(r.out(), "'kbuild/no-such-rule'").contains("(see `kmodlint rules`)"), "nothing near");
    // the lines of the misspelt directives, from the scenario (column 4: after the comment's opening)
    Path quiet = Corpus.DIR.resolve("suppressions/quiet.c");
    int disabel = lineOf(quiet, "/* kmodlint-disabel-next-line ");
    int colon = lineOf(quiet, "/* kmodlint: disable ");
    int nextline = lineOf(quiet, "/* kmodlint-disable-nextline ");
    assertTrue(lineWith(r.out(), "quiet.c:" + disabel + ":4:").contains("'kmodlint-disabel-next-line' is not a"
        + " kmodlint directive, so it suppresses nothing (did you mean 'kmodlint-disable-next-line'?)"), r.out());
    assertTrue(lineWith(r.out(), "quiet.c:" + colon + ":4:").contains("'kmodlint: disable' is not a kmodlint directive"),
        r.out());
    assertTrue(lineWith(r.out(), "quiet.c:" + nextline + ":4:").contains("(did you mean 'kmodlint-disable-next-line'?)"),
        r.out());
    int lines = lineOf(Corpus.DIR.resolve("suppressions/Makefile"), "# kmodlint-disable-next-lines ");
    assertTrue(lineWith(r.out(), "Makefile:" + lines + ":3:").contains("'kmodlint-disable-next-lines' is not a kmodlint"
        + " directive"), r.out());
    // the finding each misspelt directive meant to silence is still there
    for (int line : new int[] {disabel + 1, colon + 1, nextline + 1}) {
      assertTrue(lineWith(r.out(), "quiet.c:" + line + ":").contains("[param/world-writable]"), r.out());
    }
  }

  /** The 1-based line of a file that starts with {@code prefix}. */
  static int lineOf(Path file, String prefix) throws java.io.IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i + 1;
    throw new AssertionError(file + " has no line starting with " + prefix);
  }

  @Test
  void anUnknownRuleInTheConfigurationIsReportedOnItsLineWithWhatWasMeant() throws Exception {
    Path module = Corpus.copy("hello-clean", tmp.resolve("hello"));
    Files.writeString(module.resolve(".kmodlint.yaml"), "# project settings\nfail-on: error\nrules:\n"
        + "  param: on\n  licence/missing: off\n  kconfig/frobnication: off\n");
    CliTest.Run r = CliTest.run("check", module.toString());
    String licence = lineWith(r.out(), "'licence/missing'");
    assertTrue(licence.matches(".*\\.kmodlint\\.yaml:5:1: warning: .*sets 'licence/missing', which is neither a rule"
        + " nor a family of rules \\(did you mean 'license/missing'\\?\\) \\[kmodlint:config-unknown-rule\\]"), licence);
    assertTrue(lineWith(r.out(), "'kconfig/frobnication'").matches(".*\\.kmodlint\\.yaml:6:1: .*\\(see `kmodlint"
        + " rules`\\).*"), r.out());
  }

  @Test
  void aConfigSymbolOneEditFromAKnownOneIsNamed() {
    CliTest.Run make = CliTest.run("check", CliTest.corpus("kbuild-mistakes"));
    assertTrue(lineWith(make.out(), "CONFIG_DEBUG_FSS").endsWith("so it is never set (did you mean CONFIG_DEBUG_FS?)"
        + " [kbuild/undefined-config]"), make.out());
    assertTrue(!lineWith(make.out(), "CONFIG_WIDGET_DIR").contains("did you mean"), make.out());
    CliTest.Run c = CliTest.run("check", CliTest.corpus("kconfig-mistakes"));
    assertTrue(lineWith(c.out(), "CONFIG_DEBUG_FSS").endsWith("so this test is always false (did you mean"
        + " CONFIG_DEBUG_FS?) [kconfig/undefined-symbol-in-source]"), c.out());
  }
}
