package dev.kmodlint.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.SourcePosition;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/** 1-based kmodlint positions to 0-based LSP ones, both in UTF-16 code units; edits applied the same way. */
class PositionsTest {
  @Test
  void linesAndColumnsCountFromZero() {
    Range r = Positions.range(new SourcePosition(Path.of("/a.c"), 10, 26, 10, 30));
    assertEquals(new Range(new Position(9, 25), new Position(9, 29)), r);
    assertEquals(new Range(new Position(0, 0), new Position(0, 0)), Positions.range(SourcePosition.startOf(Path.of("/a.c"))));
  }

  @Test
  void columnsAreUtf16CodeUnitsOnBothSides() {
    // "/* 🐧 */ x": the penguin is two UTF-16 units, so x is at kmodlint column 10, LSP character 9
    String line = "/* \uD83D\uDC27 */ x";
    int utf16 = line.indexOf('x');
    assertEquals(9, utf16);
    Range r = Positions.range(new SourcePosition(Path.of("/a.c"), 1, utf16 + 1, 1, utf16 + 2));
    assertEquals(9, r.getStart().getCharacter());
    String edited = KmodlintLanguageServer.apply(line, change(r, "y"));
    assertEquals("/* \uD83D\uDC27 */ y", edited);
  }

  @Test
  void changesApplyByRangeOrWhole() {
    String text = "one\ntwo\nthree\n";
    assertEquals("one\nTWO\nthree\n", KmodlintLanguageServer.apply(text,
        change(new Range(new Position(1, 0), new Position(1, 3)), "TWO")));
    assertEquals("one\ntwo\nthree\nfour", KmodlintLanguageServer.apply(text,
        change(new Range(new Position(3, 0), new Position(3, 0)), "four")));
    assertEquals("whole", KmodlintLanguageServer.apply(text, new TextDocumentContentChangeEvent("whole")));
    assertEquals(text.length(), KmodlintLanguageServer.offset(text, new Position(99, 0)), "past the end: the end");
  }

  @Test
  void rangesTouchingTheCursorCount() {
    Range finding = new Range(new Position(9, 25), new Position(9, 29));
    assertTrue(Positions.touch(finding, new Range(new Position(9, 27), new Position(9, 27))));
    assertTrue(Positions.touch(finding, new Range(new Position(9, 29), new Position(9, 29))));
    assertFalse(Positions.touch(finding, new Range(new Position(10, 0), new Position(10, 0))));
  }

  @Test
  void unitsAreModulesPackagesOrTheFileAlone() throws Exception {
    Path tmp = java.nio.file.Files.createTempDirectory("units");
    Path mod = java.nio.file.Files.createDirectories(tmp.resolve("pkg/modprobe.d"));
    java.nio.file.Files.writeString(tmp.resolve("pkg/dkms.conf"), "PACKAGE_NAME=x\n");
    assertEquals(Optional.of(tmp.resolve("pkg")), Units.unitOf(mod.resolve("x.conf")));
    assertEquals(Optional.of(tmp.resolve("pkg")), Units.unitOf(tmp.resolve("pkg/dkms.conf")));
    assertEquals(Optional.of(tmp.resolve("pkg")), Units.unitOf(tmp.resolve("pkg/drv.c")));
    Path etc = java.nio.file.Files.createDirectories(tmp.resolve("etc/modprobe.d"));
    assertEquals(Optional.of(etc.resolve("y.conf")), Units.unitOf(etc.resolve("y.conf")));
    assertEquals(Optional.empty(), Units.unitOf(tmp.resolve("pkg/README.md")));
    assertEquals(Optional.empty(), Units.unitOf(tmp.resolve("pkg/notes.conf")), "a .conf outside modprobe.d");
  }

  private static TextDocumentContentChangeEvent change(Range r, String text) {
    TextDocumentContentChangeEvent e = new TextDocumentContentChangeEvent(text);
    e.setRange(r);
    return e;
  }
}
