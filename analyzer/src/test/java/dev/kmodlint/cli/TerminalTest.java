package dev.kmodlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TerminalTest {
  @Test
  void controlCharactersAndBidiOverridesAreShownEscapedAndTheRestIsLeftAlone() {
    String plain = "module_param(x, int, 0666);\t/* caf\u00e9 */";
    assertSame(plain, Terminal.printable(plain), "nothing to escape: the same string");
    assertEquals("a<U+001B>]0;t<U+0007>b<U+001B>[2Jc<U+007F><U+009B>", Terminal.printable("a\u001b]0;t\u0007b\u001b[2Jc\u007f\u009b"));
    assertEquals("new<U+000A>line<U+000D>", Terminal.printable("new\nline\r"));
    assertEquals("if (x<U+202E> <U+2066>y)", Terminal.printable("if (x\u202e \u2066y)"));
  }

  @Test
  void dotIdsQuoteQuotesBackslashesAndLineBreaks() {
    assertEquals("\"sibling\"", DepsCommand.dotId("sibling"));
    assertEquals("\"q\\\"uote\"", DepsCommand.dotId("q\"uote"));
    assertEquals("\"back\\\\slash\"", DepsCommand.dotId("back\\slash"));
    assertEquals("\"two\\nlines\"", DepsCommand.dotId("two\nlines"));
  }
}
