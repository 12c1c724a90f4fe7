package dev.kmodlint.deploy;

import dev.kmodlint.model.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line as kmod reads it: physical lines ending in a backslash are joined to the next (the
 * backslash and newline dropped, as kmod's {@code freadline_wrapped} does). Every character
 * keeps the file line and column it came from, so a word on the second physical line of a
 * continued line is still reported where it is.
 */
final class LogicalLine {
  private final Path file;
  private final String text;
  private final int[] lines;
  private final int[] columns;

  private LogicalLine(Path file, String text, int[] lines, int[] columns) {
    this.file = file;
    this.text = text;
    this.lines = lines;
    this.columns = columns;
  }

  String text() {
    return text;
  }

  int firstLine() {
    return lines[0];
  }

  /** The region of characters {@code [start, end)} of this line. */
  SourcePosition span(int start, int end) {
    int s = Math.min(start, text.length());
    if (end <= s) return new SourcePosition(file, lines[s], columns[s], lines[s], columns[s]);
    int last = end - 1;
    return new SourcePosition(file, lines[s], columns[s], lines[last], columns[last] + 1);
  }

  /** Splits {@code content} into logical lines; with {@code continuations} false every physical line is one. */
  static List<LogicalLine> split(Path file, String content, boolean continuations) {
    List<LogicalLine> out = new ArrayList<>();
    String[] physical = content.split("\n", -1);
    int count = physical.length;
    if (count > 0 && physical[count - 1].isEmpty()) count--; // the newline ending the file starts no line
    StringBuilder text = new StringBuilder();
    List<int[]> where = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String line = physical[i].endsWith("\r") ? physical[i].substring(0, physical[i].length() - 1) : physical[i];
      boolean continued = continuations && line.endsWith("\\") && i + 1 < count;
      int keep = continued ? line.length() - 1 : line.length();
      for (int c = 0; c < keep; c++) {
        text.append(line.charAt(c));
        where.add(new int[] {i + 1, c + 1});
      }
      if (continued) continue;
      where.add(new int[] {i + 1, keep + 1}); // one past the end, for empty spans
      int[] lines = new int[where.size()];
      int[] columns = new int[where.size()];
      for (int k = 0; k < where.size(); k++) {
        lines[k] = where.get(k)[0];
        columns[k] = where.get(k)[1];
      }
      out.add(new LogicalLine(file, text.toString(), lines, columns));
      text.setLength(0);
      where.clear();
    }
    return out;
  }
}
