package dev.kmodlint.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SuppressionDirective;
import dev.kmodlint.rule.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionsTest {
  @TempDir Path tmp;

  private static String render(List<SuppressionDirective> ds) {
    return String.join(" ", ds.stream().map(d -> d.scope() + ":" + d.id() + "@" + d.position().line() + ":"
        + d.position().column()).toList());
  }

  @Test
  void cCommentsOfEveryForm() {
    String c = String.join("\n",
        "/* kmodlint-disable-file param/missing-description */",
        "int a; // kmodlint-disable-line param/world-writable, param/symbolic-permission",
        "/* kmodlint-disable-next-line param -- a reason, with words: not IDs */",
        "/*",
        " * kmodlint-disable-next-line init/no-exit (inside a comment: only what starts a comment counts)",
        " */",
        "# kmodlint-disable-line kbuild/syntax",
        "char *s = \"kmodlint-disable-line x/y\";");
    assertEquals("FILE:param/missing-description@1:26 LINE:param/world-writable@2:33"
        + " LINE:param/symbolic-permission@2:55 NEXT_LINE:param@3:31",
        render(Suppressions.parse(Path.of("/m/a.c"), c)), "'#' is no comment in C, nor is a string, nor words inside a comment");
  }

  @Test
  void hashCommentsInMakefilesKconfigAndDeploymentFiles() {
    String make = "EXTRA_CFLAGS += -DX # kmodlint-disable-line kbuild/deprecated-variable # expect: other\n"
        + "# kmodlint-disable-next-line kbuild/missing-source kbuild/self-reference\n"
        + "// kmodlint-disable-line param/duplicate\n";
    for (String name : List.of("Makefile", "Kbuild", "Kconfig", "dkms.conf", "blacklist.conf")) {
      assertEquals("LINE:kbuild/deprecated-variable@1:45 NEXT_LINE:kbuild/missing-source@2:30"
          + " NEXT_LINE:kbuild/self-reference@2:52", render(Suppressions.parse(Path.of("/m", name), make)), name);
    }
  }

  @Test
  void aMisspeltDirectiveIsKeptAsSuchAndSuppressesNothing() {
    String c = String.join("\n",
        "/* kmodlint-disabel-next-line param/world-writable */",
        "int a; // kmodlint: disable param/world-writable",
        "/* kmodlint-disable-nextline param/world-writable */",
        "/* KMODLINT-DISABLE-LINE param */",
        "/* kmodlint-disable param/world-writable */",
        "/* kmodlint: checked in CI, see the README */",
        "/* kmodlint is run by the pre-commit hook */",
        "/* the kmodlint-disabel-line here is not the first word */",
        "/* kmodlint-disable-line param/world-writable */");
    List<SuppressionDirective> ds = Suppressions.parse(Path.of("/m/a.c"), c);
    assertEquals("MISSPELT:kmodlint-disabel-next-line@1:4 MISSPELT:kmodlint: disable@2:11"
        + " MISSPELT:kmodlint-disable-nextline@3:4 MISSPELT:KMODLINT-DISABLE-LINE@4:4"
        + " MISSPELT:kmodlint-disable@5:4 LINE:param/world-writable@9:26", render(ds),
        "misspellings as the first word of a comment, not prose that names kmodlint");
    for (SuppressionDirective d : ds.subList(0, 5)) {
      for (int line = 1; line <= 9; line++) assertTrue(!d.appliesTo(line), d + " applies to line " + line);
    }
    assertEquals("MISSPELT:kmodlint-disable-lines@1:3",
        render(Suppressions.parse(Path.of("/m/Makefile"), "# kmodlint-disable-lines kbuild/deprecated-variable\n")));
  }

  @Test
  void aDirectiveWithoutIdsHasTheEmptyIdWhichSuppressesNothing() {
    List<SuppressionDirective> ds = Suppressions.parse(Path.of("/m/a.c"), "int a; /* kmodlint-disable-line */\n");
    assertEquals("LINE:@1:28", render(ds), "at the scope word");
    assertTrue(!ds.get(0).covers("param/world-writable"));
  }

  @Test
  void aFindingIsSuppressedByItsOwnFileOnlyOnTheLinesNamed() throws IOException {
    Path c = Files.writeString(tmp.resolve("m.c"), String.join("\n",
        "int a;",
        "/* kmodlint-disable-next-line param/world-writable */",
        "module_param(a, int, 0666);",
        "module_param(b, int, 0666);",
        "module_param(c, int, S_IRUGO); /* kmodlint-disable-line param */",
        ""));
    Path other = Files.writeString(tmp.resolve("n.c"), "module_param(a, int, 0666);\n");
    Suppressions s = Suppressions.read(List.of(c));
    assertTrue(s.suppressing(finding("param/world-writable", c, 3)).isPresent());
    assertTrue(s.suppressing(finding("param/world-writable", c, 4)).isEmpty(), "the line after the next");
    assertTrue(s.suppressing(finding("param/type-mismatch", c, 3)).isEmpty(), "another rule");
    assertTrue(s.suppressing(finding("param/symbolic-permission", c, 5)).isPresent(), "a family");
    assertTrue(s.suppressing(finding("paramx/symbolic-permission", c, 5)).isEmpty(), "a family is a whole prefix");
    assertTrue(s.suppressing(finding("param/world-writable", other, 1)).isEmpty(), "another file");
    assertTrue(s.suppressing(finding("param/world-writable", tmp.resolve("gone.c"), 1)).isEmpty(),
        "an unreadable file suppresses nothing");
  }

  private static Finding finding(String rule, Path file, int line) {
    return new Finding(rule, Level.ERROR, "m", SourcePosition.line(file, line), List.of());
  }
}
