package dev.kmodlint.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.DkmsConf;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DkmsConfReaderTest {
  private static final Path FILE = Path.of("/src/pkg/dkms.conf");

  private static DkmsConf dkms(String text) {
    return DkmsConfReader.read(FILE, text);
  }

  private static Optional<String> value(DkmsConf c, String name) {
    return c.scalar(name).flatMap(DkmsConf.Assignment::value);
  }

  @Test
  void quotingStylesGiveTheShellsValue() {
    DkmsConf c = dkms("A=plain\nB='single $x \"q\"'\nC=\"double \\\"q\\\" \\$x\"\nD=mi\"x\"'ed'\\ z\nE=\n");
    assertEquals(List.of(), c.syntaxProblems());
    assertEquals(Optional.of("plain"), value(c, "A"));
    assertEquals(Optional.of("single $x \"q\""), value(c, "B"));
    assertEquals(Optional.of("double \"q\" $x"), value(c, "C"));
    assertEquals(Optional.of("mixed z"), value(c, "D"));
    assertEquals(Optional.of(""), value(c, "E"));
    assertFalse(c.opaque());
  }

  @Test
  void anIndexPastWhatAnIntHoldsIsASyntaxProblemNotACrash() {
    DkmsConf c = dkms("PACKAGE_NAME=h\nBUILT_MODULE_NAME[2147483648]=h\nL=([99999999999999999999]=x y)\n"
        + "M=([2147483647]=a b)\nN[2147483647]=ok\n");
    assertEquals(List.of(2, 3, 4), c.syntaxProblems().stream().map(p -> p.position().line()).toList(),
        c.syntaxProblems().toString());
    assertTrue(c.syntaxProblems().get(0).message().startsWith("BUILT_MODULE_NAME[2147483648]: index 2147483648 is"
        + " out of range"), c.syntaxProblems().get(0).message());
    assertEquals(List.of(), List.copyOf(c.array("BUILT_MODULE_NAME").keySet()));
    assertEquals(List.of(), List.copyOf(c.array("L").keySet()), "the element after an index out of range is too");
    assertEquals(List.of(Integer.MAX_VALUE), List.copyOf(c.array("M").keySet()));
    assertEquals(List.of(Integer.MAX_VALUE), List.copyOf(c.array("N").keySet()));
  }

  @Test
  void arraysByIndexAndCompound() {
    DkmsConf c = dkms("N[0]=a\nN[2]=\"c\"\nN=z\nL=(x 'y y' [5]=w v)\n");
    assertEquals(List.of(0, 2), List.copyOf(c.array("N").keySet()));
    assertEquals(Optional.of("z"), c.array("N").get(0).value()); // a plain NAME= is element 0
    assertEquals(List.of(0, 1, 5, 6), List.copyOf(c.array("L").keySet()));
    assertEquals(Optional.of("y y"), c.array("L").get(1).value());
    assertTrue(c.array("N").get(2).indexed());
  }

  @Test
  void variablesTheFileSetsExpandOthersAreUnknown() {
    DkmsConf c = dkms("PACKAGE_NAME=foo\nPACKAGE_VERSION=1.2\n"
        + "B=\"${PACKAGE_NAME}_x\"\nC=$PACKAGE_NAME-$PACKAGE_VERSION\nD=\"make KVER=$kernelver\"\n"
        + "E=${kernel_source_dir}/x\n");
    assertEquals(Optional.of("foo_x"), value(c, "B"));
    assertEquals(Optional.of("foo-1.2"), value(c, "C"));
    assertEquals(Optional.empty(), value(c, "D"));
    assertEquals("\"make KVER=$kernelver\"", c.scalar("D").get().text());
    assertEquals(Optional.empty(), value(c, "E"));
  }

  @Test
  void commentsContinuationsAndPositions() {
    DkmsConf c = dkms("# head\nA=\"x\" # tail\nMAKE[0]=\"make \\\n  all\"\nB=a#b\n  C=1; D=2\n");
    assertEquals(Optional.of("x"), value(c, "A"));
    assertEquals(Optional.of("make   all"), c.array("MAKE").get(0).value());
    assertEquals(Optional.of("a#b"), value(c, "B"));
    DkmsConf.Assignment d = c.scalar("D").get();
    assertEquals(6, d.position().line());
    assertEquals(8, d.position().column());
    assertEquals(3, c.scalar("A").get().valuePosition().column());
    assertFalse(c.opaque());
  }

  @Test
  void shellMistakesAreSyntaxProblems() {
    DkmsConf c = dkms("PACKAGE_NAME = foo\nN[]=x\nA=\"unterminated\nB=1\n");
    assertEquals(List.of(1, 2, 3), c.syntaxProblems().stream().map(p -> p.position().line()).toList());
    assertTrue(c.syntaxProblems().get(2).message().contains("unterminated double quote"));
    assertFalse(c.assigns("B")); // bash never gets there
  }

  @Test
  void unterminatedExpansionsAndSingleQuotes() {
    assertEquals(1, dkms("A=${x\n").syntaxProblems().size());
    assertEquals(1, dkms("A=$(ls\n").syntaxProblems().size());
    assertEquals(1, dkms("A='x\n").syntaxProblems().size());
    assertEquals(0, dkms("A=\"$(ls \"-l\")\"\n").syntaxProblems().size());
  }

  @Test
  void commandsMakeTheFileOpaque() {
    DkmsConf c = dkms("if [ -f /x ]; then\n  PACKAGE_VERSION=\"2\"\nfi\nlocal y=\"$(cat v)\"\n");
    assertTrue(c.opaque());
    assertEquals(Optional.of("2"), value(c, "PACKAGE_VERSION"));
    assertTrue(dkms("A=$(cat version)\n").opaque());
    assertTrue(dkms("N[$i]=x\n").opaque());
  }

  @Test
  void directoryIsTheFilesOwn() {
    assertEquals(Path.of("/src/pkg"), dkms("").directory());
  }
}
