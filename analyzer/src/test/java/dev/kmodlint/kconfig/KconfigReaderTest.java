package dev.kmodlint.kconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.KconfigModel.Definition;
import dev.kmodlint.model.KconfigModel.SourceReference.Form;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SyntaxProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KconfigReaderTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p.toAbsolutePath().normalize();
  }

  private static Definition only(KconfigModel m, String name) {
    List<Definition> d = m.byName().get(name);
    assertTrue(d != null && d.size() == 1, name + " defined once: " + d);
    return d.get(0);
  }

  @Test
  void helpTextEndsAtTheFirstLessIndentedLine() throws IOException {
    Path k = write("Kconfig", """
        config A
        \ttristate "A"
        \thelp
        \t  First line.

        \t    indented more, still help
        \t  config NOT_A_SYMBOL depends on X
        \tdepends on B
        config B
        \tbool
        \t---help---
        \t  old style
        """);
    KconfigModel m = KconfigReader.read(List.of(k));
    assertEquals(List.of(), m.syntaxProblems());
    Definition a = only(m, "A");
    assertEquals(3, a.help().orElseThrow().lines());
    assertEquals("B", a.dependsOn().orElseThrow().text());
    assertEquals(1, only(m, "B").help().orElseThrow().lines());
    assertTrue(!m.byName().containsKey("NOT_A_SYMBOL"));
  }

  @Test
  void pastTwentySyntaxProblemsOneMoreSaysHowManyAreNotListed() throws IOException {
    Path k = write("Kconfig", "config A\n\tbool\n" + "bogus\n".repeat(25));
    List<SyntaxProblem> problems = KconfigReader.read(List.of(k)).syntaxProblems();
    assertEquals(21, problems.size(), problems.toString());
    for (int i = 0; i < 20; i++) {
      assertEquals(new SyntaxProblem(new SourcePosition(k, i + 3, 1, i + 3, 6), "unknown statement 'bogus'"),
          problems.get(i));
    }
    assertEquals(new SyntaxProblem(SourcePosition.startOf(k), "5 more syntax problems in Kconfig are not listed"),
        problems.get(20));
  }

  @Test
  void macrosAssignmentsAndExpressionsParse() throws IOException {
    Path k = write("Kconfig", """
        cc-option = $(success,$(CC) -Werror $(CLANG_FLAGS) $(1) -E -x c /dev/null -o /dev/null)
        $(error-if,$(failure,command -v $(CC)),C compiler '$(CC)' not found)
        config C
        \tdef_bool $(success,echo 'int f(int x) { asm goto ("": "=r"(x) ::: bar); return x; bar: return 0; }' | $(CC) -x c -)
        config D
        \tint "D" if !(A && B) || C = y
        \trange 1 10 if A >= 3
        \tdefault 4
        """);
    KconfigModel m = KconfigReader.read(List.of(k));
    assertEquals(List.of(), m.syntaxProblems());
    Definition d = only(m, "D");
    assertEquals(KconfigModel.Type.INT, d.type());
    assertEquals("!(A && B) || C=y", d.prompts().get(0).condition().orElseThrow().text());
  }

  @Test
  void sourcedFilesInheritTheConditionsAroundTheSourceLine() throws IOException {
    Path top = write("Kconfig", """
        menuconfig BUS
        \tbool "Bus"
        if BUS
        menu "Bus devices"
        \tdepends on HAS_IOMEM
        source "drivers/bus/Kconfig"
        endmenu
        endif
        """);
    Path sub = write("drivers/bus/Kconfig", """
        config BUS_DEV # a trailing comment
        \ttristate "Device"
        \tdepends on PCI
        \tselect REGMAP
        """);
    KconfigModel m = KconfigReader.read(List.of(top, sub));
    Definition d = only(m, "BUS_DEV");
    assertEquals("BUS && HAS_IOMEM", d.inherited().orElseThrow().text());
    assertEquals(List.of("Bus devices"), d.menuPath());
    assertEquals("REGMAP", d.selects().get(0).target());
    assertEquals(1, d.position().line());
    assertEquals(8, d.position().column());
  }

  @Test
  void syntaxErrorsAreCollectedWithTheirLine() throws IOException {
    Path k = write("Kconfig", """
        config E
        \ttristate "E"
        \tdepends on PCI &&
        endmenu
        \tbogus attribute
        """);
    KconfigModel m = KconfigReader.read(List.of(k));
    assertTrue(m.syntaxProblems().stream().anyMatch(p -> p.position().line() == 3), m.syntaxProblems().toString());
    assertTrue(m.syntaxProblems().stream().anyMatch(p -> p.position().line() == 4), m.syntaxProblems().toString());
  }

  @Test
  void scannerSkipsCommentsAndStringsAndTellsTheForm() {
    String c = """
        #ifdef CONFIG_A
        /* CONFIG_COMMENT */ // CONFIG_LINE
        #if defined(CONFIG_B) && \\
            IS_ENABLED(CONFIG_C)
        #define CONFIG_D 1
        #endif
        char *s = "CONFIG_STRING"; int $x = CONFIG_E + IS_MODULE( CONFIG_F ) + IS_ENABLED(CONFIG_G_ ## x);
        #endif
        """;
    var refs = ConfigReferenceScanner.scan(Path.of("/x.c"), c.toCharArray());
    assertEquals(List.of("A", "B", "C", "D", "E", "F"), refs.stream().map(KconfigModel.SourceReference::symbol).toList());
    assertEquals(List.of(Form.IFDEF, Form.IF, Form.IS_ENABLED, Form.DEFINE, Form.OTHER, Form.IS_MODULE),
        refs.stream().map(KconfigModel.SourceReference::form).toList());
    assertEquals(4, refs.get(2).position().line());
  }
}
