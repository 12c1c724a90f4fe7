package dev.kmodlint.lsp;

import dev.kmodlint.model.SourcePosition;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * kmodlint positions to LSP ones. Both count columns in UTF-16 code units (SARIF's and LSP's
 * default) with the end exclusive; kmodlint counts lines and columns from 1, LSP from 0.
 */
final class Positions {
  /** The only encoding offered: the one kmodlint counts in, and every client's default. */
  static final String ENCODING = "utf-16";

  private Positions() {}

  static Range range(SourcePosition p) {
    return new Range(new Position(p.line() - 1, p.column() - 1), new Position(p.endLine() - 1, p.endColumn() - 1));
  }

  /** True when the two ranges share a position (ends included: a cursor at the end of a range touches it). */
  static boolean touch(Range a, Range b) {
    return compare(a.getStart(), b.getEnd()) <= 0 && compare(b.getStart(), a.getEnd()) <= 0;
  }

  static int compare(Position a, Position b) {
    int c = Integer.compare(a.getLine(), b.getLine());
    return c != 0 ? c : Integer.compare(a.getCharacter(), b.getCharacter());
  }
}
