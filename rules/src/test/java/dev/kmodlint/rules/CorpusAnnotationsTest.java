package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.engine.Analyzer;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rules.param.ParamWorldWritableRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CorpusTest's comparison fails for every way a scenario and its annotations can disagree. */
class CorpusAnnotationsTest {
  private static final RuleRegistry RULE = RuleRegistry.of(List.of(new ParamWorldWritableRule()));

  @TempDir Path dir;

  /** The problems CorpusTest reports for a module whose line 5 is {@code module_param(debug, int, 0666);} + {@code annotation}. */
  private List<String> problems(String annotation, String... moreLines) throws IOException {
    Files.writeString(dir.resolve("Kbuild"), "obj-m += m.o\n");
    Files.writeString(dir.resolve("m.c"), String.join("\n", List.of(
        "#include <linux/module.h>",
        "MODULE_LICENSE(\"GPL\");",
        "static int debug;",
        "static int quiet;",
        "module_param(debug, int, 0666); " + annotation,
        "module_param(quiet, int, 0644); " + (moreLines.length > 0 ? moreLines[0] : ""),
        "")));
    AnalysisResult r = new Analyzer(RULE).analyze(AnalysisOptions.of(List.of(dir)));
    return CorpusTest.compare(RULE, dir, r, Corpus.annotations(dir), Corpus.malformed(dir), false);
  }

  @Test
  void theRightColumnAndFragmentAgree() throws IOException {
    assertEquals(List.of(), problems("/* expect: param/world-writable@26 \"0666\" */"));
    assertEquals(List.of(), problems("/* expect: param/world-writable@26 */", "/* ok: param/world-writable */"));
  }

  @Test
  void anotherColumnOrAFragmentTheMessageLacksFails() throws IOException {
    List<String> p = problems("/* expect: param/world-writable@25 */");
    assertTrue(p.contains("missing finding: m.c:5:25 [param/world-writable]"), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("unexpected finding: m.c:5:26 [param/world-writable]")), p.toString());
    p = problems("/* expect: param/world-writable@26 \"0777\" */");
    assertTrue(p.contains("missing finding: m.c:5:26 [param/world-writable] containing \"0777\""), p.toString());
  }

  @Test
  void anExpectWithoutAColumnFails() throws IOException {
    List<String> p = problems("/* expect: param/world-writable */");
    assertTrue(p.contains("expect: param/world-writable at m.c:5 has no column: write param/world-writable@COL"),
        p.toString());
  }

  @Test
  void anAnnotationNamingNoRuleFails() throws IOException {
    List<String> p = problems("/* expect: param/world-writable@26 */", "/* ok: param/wrld-writable */");
    assertEquals(List.of("ok: names param/wrld-writable, which is no rule: m.c:6"), p);
  }

  @Test
  void aTodoIsAKnownMissUntilItFires() throws IOException {
    assertEquals(List.of(), problems("/* expect: param/world-writable@26 */", "/* todo: param/world-writable */"));
    List<String> p = problems("/* todo: param/world-writable */");
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("todo: param/world-writable at m.c:5 now fires: make it expect:"
        + " param/world-writable@26"), p.get(0));
  }

  @Test
  void aTodoOkIsAKnownFalsePositiveUntilItStops() throws IOException {
    assertEquals(List.of(), problems("/* todo-ok: param/world-writable */"));
    List<String> p = problems("/* expect: param/world-writable@26 */", "/* todo-ok: param/world-writable */");
    assertEquals(List.of("todo-ok: param/world-writable at m.c:6 no longer fires: make it ok:"), p);
  }

  @Test
  void whatLooksLikeAnAnnotationButIsNoneFails() throws IOException {
    List<String> p = problems("/* expect: param/world-writable@26 */", "/* expect: param/world-writable@ */");
    assertEquals(List.of("not an annotation (see test-corpus/README.md): m.c:6: module_param(quiet, int, 0644);"
        + " /* expect: param/world-writable@ */"), p);
  }

  @Test
  void aWarningNotificationNobodyExpectedFails() throws IOException {
    Files.write(dir.resolve("blob.c"), new byte[] {'E', 'L', 'F', 0, 1, 2});
    List<String> p = problems("/* expect: param/world-writable@26 */");
    assertEquals(List.of("unexpected warning notification: blob.c:1 [binary-file] not analyzed: blob.c looks binary"
        + " (NUL bytes)"), p);
    Files.write(dir.resolve("blob.c"), "ELF\0 /* expect-notification: binary-file */".getBytes());
    assertEquals(List.of(), problems("/* expect: param/world-writable@26 */"));
  }
}
