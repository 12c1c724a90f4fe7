package dev.kmodlint.sarif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The expected values are the test vectors of github/codeql-action
 * {@code src/fingerprints.test.ts}, i.e. what GitHub itself computes; they were not produced
 * by this implementation.
 */
class SarifLineHashesTest {

  private static final List<String> HELLO_WITH_TRAILING_NEWLINE = List.of(
      "e9496ae3ebfced30:1",
      "fb7c023a8b9ccb3f:1",
      "ce8ba1a563dcdaca:1",
      "e20e36e16fcb0cc8:1",
      "b3edc88f2938467e:1",
      "c8e28b0b4002a3a0:1",
      "c129715d7a2bc9a3:1");

  @Test
  void emptyFileHasOneLine() {
    assertEquals(List.of("c129715d7a2bc9a3:1"), LineHashes.of(""));
  }

  @Test
  void leadingBlanksAreIgnoredAndHexIsNotPadded() {
    assertEquals(
        List.of("271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"),
        LineHashes.of(" a\nb\n  \t\tc\n d"));
  }

  @Test
  void fileWithoutTrailingNewline() {
    assertEquals(
        List.of(
            "8b7cf3e952e7aeb2:1",
            "b1ae1287ec4718d9:1",
            "bff680108adb0fcc:1",
            "c6805c5e1288b612:1",
            "b86d3392aea1be30:1",
            "e6ceba753e1a442:1"),
        LineHashes.of(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End"));
  }

  @Test
  void everyLineEndingConventionHashesAlike() {
    assertEquals(HELLO_WITH_TRAILING_NEWLINE,
        LineHashes.of(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n"));
    assertEquals(HELLO_WITH_TRAILING_NEWLINE,
        LineHashes.of(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r"));
    assertEquals(HELLO_WITH_TRAILING_NEWLINE,
        LineHashes.of(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n"));
    assertEquals(HELLO_WITH_TRAILING_NEWLINE,
        LineHashes.of(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n"));
  }

  @Test
  void identicalWindowsAreNumberedByOccurrence() {
    assertEquals(
        List.of(
            "a7f2ff13bc495cf2:1",
            "a7f2ff13bc495cf2:2",
            "a7f2ff13bc495cf2:3",
            "a7f2ff13bc495cf2:4",
            "a7f2ff13bc495cf2:5",
            "a7f2ff13bc495cf2:6",
            "a7f2ff1481e87703:1",
            "a9cf91f7bbf1862b:1",
            "55ec222b86bcae53:1",
            "cc97dc7b1d7d8f7b:1",
            "c129715d7a2bc9a3:1"),
        LineHashes.of("Lorem ipsum dolor sit amet.\n".repeat(10)));
  }

  @Test
  void hashDependsOnTheLineAndWhatFollowsNotOnWhatPrecedes() {
    String tail = "int x;\n".repeat(20) + "static int probe(void) { return 0; }\n" + "/* end */\n".repeat(20);
    List<String> before = LineHashes.of(tail);
    List<String> after = LineHashes.of("// a new line far above\n" + tail);
    assertEquals(before.get(20), after.get(21));
    assertNotEquals(before.get(20),
        LineHashes.of(tail.replace("return 0;", "return 1;")).get(20));
  }

  @Test
  void oneHashPerLineEvenForLongLines() {
    String text = "x".repeat(250) + "\n" + "y".repeat(3) + "\n";
    assertEquals(3, LineHashes.of(text).size());
  }
}
