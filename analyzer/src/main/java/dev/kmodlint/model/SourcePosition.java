package dev.kmodlint.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A region of a file: 1-based lines and columns, columns in UTF-16 code units (SARIF's default
 * column kind), end column exclusive. {@code file} is absolute and normalised.
 */
public record SourcePosition(Path file, int line, int column, int endLine, int endColumn)
    implements Comparable<SourcePosition> {

  public SourcePosition {
    Objects.requireNonNull(file, "file");
    if (line < 1) line = 1;
    if (column < 1) column = 1;
    if (endLine < line) endLine = line;
    if (endLine == line && endColumn < column) endColumn = column;
  }

  /** The whole first line of a file, for findings about a file or module as a whole. */
  public static SourcePosition startOf(Path file) {
    return new SourcePosition(file, 1, 1, 1, 1);
  }

  public static SourcePosition line(Path file, int line) {
    return new SourcePosition(file, line, 1, line, 1);
  }

  @Override
  public int compareTo(SourcePosition o) {
    int c = file.toString().compareTo(o.file.toString());
    if (c != 0) return c;
    c = Integer.compare(line, o.line);
    if (c != 0) return c;
    c = Integer.compare(column, o.column);
    if (c != 0) return c;
    c = Integer.compare(endLine, o.endLine);
    return c != 0 ? c : Integer.compare(endColumn, o.endColumn);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
