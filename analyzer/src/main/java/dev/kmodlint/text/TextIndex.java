package dev.kmodlint.text;

import dev.kmodlint.model.SourcePosition;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Turns ANTLR character indexes into {@link SourcePosition}s. ANTLR counts code points while
 * positions are in UTF-16 units, so the two differ after a character outside the BMP.
 */
public final class TextIndex {
  private final int codePoints;
  /** UTF-16 offset of each code point index (and of the end); null when they are the same. */
  private final int[] utf16Offsets;
  /** UTF-16 offset where each line begins; lines end at '\n', as ANTLR counts them. */
  private final int[] lineStarts;

  public TextIndex(String text) {
    codePoints = text.codePointCount(0, text.length());
    if (codePoints == text.length()) {
      utf16Offsets = null;
    } else {
      utf16Offsets = new int[codePoints + 1];
      int offset = 0;
      for (int i = 0; i < codePoints; i++) {
        utf16Offsets[i] = offset;
        offset += Character.charCount(text.codePointAt(offset));
      }
      utf16Offsets[codePoints] = offset;
    }
    int lines = 1;
    for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') lines++;
    lineStarts = new int[lines];
    int line = 1;
    for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') lineStarts[line++] = i + 1;
  }

  /** The characters from code point index {@code start} up to {@code end} (exclusive). */
  public SourcePosition span(Path file, int start, int end) {
    int from = utf16(start);
    int to = Math.max(from, utf16(end));
    int line = lineOf(from);
    int endLine = lineOf(to);
    return new SourcePosition(file, line + 1, from - lineStarts[line] + 1, endLine + 1,
        to - lineStarts[endLine] + 1);
  }

  private int utf16(int codePointIndex) {
    int i = Math.max(0, Math.min(codePointIndex, codePoints));
    return utf16Offsets == null ? i : utf16Offsets[i];
  }

  private int lineOf(int utf16Offset) {
    int i = Arrays.binarySearch(lineStarts, utf16Offset);
    return i >= 0 ? i : -i - 2;
  }
}
