package dev.kmodlint.text;

import dev.kmodlint.model.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A file's text with a line index. Bytes that are not UTF-8 become U+FFFD instead of failing:
 * kernel trees hold Latin-1 author names and the odd binary blob. Offsets and columns are in
 * UTF-16 code units, which is what CDT reports and SARIF expects by default.
 */
public final class SourceText {
  private final Path path;
  private final char[] chars;
  private final boolean binary;
  /**
   * Built on first use: most headers a parse reads are only needed for their macros, and
   * indexing the lines of every header of every translation unit was a tenth of a cold run.
   */
  private volatile int[] lineStarts;

  private SourceText(Path path, char[] chars, boolean binary) {
    this.path = path;
    this.chars = chars;
    this.binary = binary;
  }

  private int[] lineStarts() {
    int[] starts = lineStarts;
    if (starts != null) return starts;
    int[] grow = new int[Math.max(16, chars.length / 32)];
    int n = 1; // grow[0] = 0: line 1 starts at offset 0
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] == '\n') {
        if (n == grow.length) grow = Arrays.copyOf(grow, n * 2);
        grow[n++] = i + 1;
      }
    }
    starts = Arrays.copyOf(grow, n);
    lineStarts = starts;
    return starts;
  }

  /**
   * The largest source file read: four times the largest file of a kernel tree (an amdgpu
   * register header of 24 MB in 6.1).
   */
  public static final long MAX_BYTES = 64L << 20;

  /** A regular file of at most {@link #MAX_BYTES}; else a {@link BoundedReader.ReadFailure} that says why. */
  public static SourceText read(Path path) throws IOException {
    return read(path, MAX_BYTES);
  }

  public static SourceText read(Path path, long maxBytes) throws IOException {
    return of(path, BoundedReader.read(path, maxBytes));
  }

  /** Malformed UTF-8 becomes U+FFFD, as the String constructor does (with its fast ASCII path). */
  public static SourceText of(Path path, byte[] bytes) {
    char[] chars = new String(bytes, StandardCharsets.UTF_8).toCharArray();
    return new SourceText(path, chars, looksBinary(bytes));
  }

  public static SourceText of(Path path, String text) {
    return new SourceText(path, text.toCharArray(), false);
  }

  /** NUL bytes in the first 8 KiB: what git and grep take as "binary". */
  private static boolean looksBinary(byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    for (int i = 0; i < n; i++) if (bytes[i] == 0) return true;
    return false;
  }

  public Path path() {
    return path;
  }

  public char[] chars() {
    return chars;
  }

  public boolean binary() {
    return binary;
  }

  public int lineCount() {
    return lineStarts().length;
  }

  /** 1-based line of an offset. */
  public int lineOf(int offset) {
    int i = Arrays.binarySearch(lineStarts(), Math.max(0, Math.min(offset, chars.length)));
    return i >= 0 ? i + 1 : -i - 1;
  }

  public int columnOf(int offset) {
    int line = lineOf(offset);
    return offset - lineStarts()[line - 1] + 1;
  }

  /** The length of a 1-based line without its line terminator; 0 for a line that does not exist. */
  public int lineLength(int line) {
    int[] lineStarts = lineStarts();
    if (line < 1 || line > lineStarts.length) return 0;
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : chars.length;
    if (end > start && chars[end - 1] == '\r') end--;
    return Math.max(0, end - start);
  }

  /** The text of a 1-based line without its line terminator. */
  public String line(int line) {
    int[] lineStarts = lineStarts();
    if (line < 1 || line > lineStarts.length) return "";
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : chars.length;
    if (end > start && chars[end - 1] == '\r') end--;
    return new String(chars, start, Math.max(0, end - start));
  }

  public SourcePosition position(int offset, int length) {
    int end = offset + Math.max(0, length);
    return new SourcePosition(path, lineOf(offset), columnOf(offset), lineOf(end), columnOf(end));
  }
}
