package dev.kmodlint.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The lines of a file as {@link SourceText} sees them, decoded one at a time: a report that
 * shows one line under each finding reads thousands of files for a few lines each, and
 * decoding and indexing every character of them was a tenth of a warm run of a whole tree.
 * A line holds the same characters here as in the whole file's text: lines end at a
 * {@code '\n'} byte, which no UTF-8 sequence, well-formed or not, can hide.
 */
public final class SourceLines {
  private final byte[] bytes;
  private final int[] starts;
  private final boolean binary;

  private SourceLines(byte[] bytes) {
    this.bytes = bytes;
    int n = 1;
    for (byte b : bytes) if (b == '\n') n++;
    int[] s = new int[n];
    int k = 1;
    for (int i = 0; i < bytes.length; i++) if (bytes[i] == '\n') s[k++] = i + 1;
    this.starts = s;
    int head = Math.min(bytes.length, 8192);
    boolean nul = false;
    for (int i = 0; i < head && !nul; i++) nul = bytes[i] == 0;
    this.binary = nul; // as SourceText: NUL bytes in the first 8 KiB
  }

  public static SourceLines read(Path file) throws IOException {
    return new SourceLines(BoundedReader.read(file, SourceText.MAX_BYTES));
  }

  public static SourceLines of(byte[] bytes) {
    return new SourceLines(bytes.clone());
  }

  public boolean binary() {
    return binary;
  }

  public int lineCount() {
    return starts.length;
  }

  /**
   * The length in UTF-16 units of a 1-based line without its terminator, when it is at most
   * {@code limit}; else some number above {@code limit}, found without decoding a long line
   * (a character takes at most four bytes).
   */
  public int lineLength(int line, int limit) {
    int[] r = range(line);
    if (r == null) return 0;
    if ((long) (r[1] - r[0]) > 4L * limit) return limit + 1;
    return line(line).length();
  }

  /** The text of a 1-based line without its line terminator, malformed UTF-8 as U+FFFD. */
  public String line(int line) {
    int[] r = range(line);
    if (r == null) return "";
    String s = new String(bytes, r[0], r[1] - r[0], StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private int[] range(int line) {
    if (line < 1 || line > starts.length) return null;
    int start = starts[line - 1];
    int end = line < starts.length ? starts[line] - 1 : bytes.length;
    return new int[] {start, Math.max(start, end)};
  }
}
