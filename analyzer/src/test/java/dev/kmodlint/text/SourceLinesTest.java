package dev.kmodlint.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A line read on its own is the line of the whole text: malformed UTF-8, CRLF, a last line without a newline. */
class SourceLinesTest {
  private static void sameAsSourceText(byte[] bytes) {
    SourceText whole = SourceText.of(Path.of("/x.c"), bytes);
    SourceLines lines = SourceLines.of(bytes);
    assertEquals(whole.lineCount(), lines.lineCount());
    assertEquals(whole.binary(), lines.binary());
    for (int l = 0; l <= whole.lineCount() + 1; l++) {
      assertEquals(whole.line(l), lines.line(l), "line " + l);
      assertEquals(whole.lineLength(l), lines.lineLength(l, 1000), "length of line " + l);
    }
  }

  @Test
  void linesAreThoseOfTheWholeText() {
    sameAsSourceText("int a;\r\nint b; /* caf\u00e9 */\n\n\tlast".getBytes(StandardCharsets.UTF_8));
    byte[] malformed = {'a', (byte) 0xE2, (byte) 0x82, '\n', (byte) 0xFF, 'b', '\r', '\n', (byte) 0xF0, (byte) 0x9F,
        (byte) 0x98, (byte) 0x80, '\n'};
    sameAsSourceText(malformed);
    sameAsSourceText(new byte[0]);
    sameAsSourceText(new byte[] {'x', 0, 'y', '\n'});
  }

  @Test
  void aLongLineIsMeasuredWithoutBeingDecoded() {
    byte[] longLine = ("x".repeat(5000) + "\nshort\n").getBytes(StandardCharsets.UTF_8);
    SourceLines lines = SourceLines.of(longLine);
    assertTrue(lines.lineLength(1, 240) > 240);
    assertEquals(5, lines.lineLength(2, 240));
  }
}
