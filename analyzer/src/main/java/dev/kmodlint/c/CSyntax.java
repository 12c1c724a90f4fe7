package dev.kmodlint.c;

import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.text.SourceText;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTNode;

/** Small readings of C syntax shared by the front-end's walkers. */
final class CSyntax {
  private CSyntax() {}

  /**
   * The value of a C integer literal as gcc reads it: {@code 0x} hexadecimal, {@code 0b}
   * binary (a GNU extension the kernel uses), a leading {@code 0} octal, else decimal; the
   * {@code u}/{@code l} suffixes are dropped. Empty when it is not one, or does not fit a long.
   */
  static Optional<Long> integer(String literal) {
    String t = literal.strip().toLowerCase(Locale.ROOT).replaceAll("[ul]+$", "");
    try {
      if (t.startsWith("0x")) return Optional.of(Long.parseLong(t.substring(2), 16));
      if (t.startsWith("0b")) return Optional.of(Long.parseLong(t.substring(2), 2));
      if (t.length() > 1 && t.startsWith("0")) return Optional.of(Long.parseLong(t.substring(1), 8));
      return Optional.of(Long.parseLong(t));
    } catch (NumberFormatException ex) {
      return Optional.empty();
    }
  }

  /**
   * Where the node stands in the file it was read from ({@code texts}, by normalised path): for
   * a macro-produced node, the macro call. Null for the prelude and for a file not read.
   */
  static SourcePosition position(IASTNode node, Map<String, SourceText> texts) {
    IASTFileLocation loc = node.getFileLocation();
    if (loc == null) return null;
    String file = loc.getFileName();
    if (ModuleFileContentProvider.PRELUDE_PATH.equals(file)) return null;
    SourceText t = text(texts, file);
    return t == null ? null : t.position(loc.getNodeOffset(), loc.getNodeLength());
  }

  /**
   * The key of {@code texts} (files by normalised path) for a file name CDT reports: the name
   * itself, which is the path the content provider gave, else its normalised form. Normalising
   * every name looked up was a twentieth of the extraction.
   */
  static String key(Map<String, ?> texts, String fileName) {
    return texts.containsKey(fileName) ? fileName : Path.of(fileName).normalize().toString();
  }

  /** The text of a file CDT reports, by {@link #key}; null for a file not read. */
  static SourceText text(Map<String, SourceText> texts, String fileName) {
    SourceText t = texts.get(fileName);
    return t != null ? t : texts.get(Path.of(fileName).normalize().toString());
  }

  /**
   * Past the comment or string or character literal that starts at {@code i} in {@code t[..end)}
   * (a {@code //} comment up to its newline, which is not skipped); {@code i} when none does.
   */
  static int skipCommentOrLiteral(char[] t, int i, int end) {
    char c = t[i];
    if (c == '/' && i + 1 < end && t[i + 1] == '*') {
      int j = i + 2;
      while (j + 1 < end && !(t[j] == '*' && t[j + 1] == '/')) j++;
      return Math.min(end, j + 2);
    }
    if (c == '/' && i + 1 < end && t[i + 1] == '/') {
      while (i < end && t[i] != '\n') i++;
      return i;
    }
    if (c == '"' || c == '\'') {
      int j = i + 1;
      while (j < end && t[j] != c && t[j] != '\n') j += t[j] == '\\' ? 2 : 1;
      return Math.min(end, j + 1);
    }
    return i;
  }

  /**
   * Where the parenthesis opened first at or after {@code from} in {@code t} closes (the offset
   * after it), skipping comments and literals; -1 when none opens before {@code openBefore}, a
   * {@code ;} or a brace comes first at depth 0, or it never closes: {@code MACRO(a, b(c);} ...
   * {@code )} is the extent of a macro call.
   */
  static int closingParenthesis(char[] t, int from, int openBefore) {
    int depth = 0;
    for (int i = from; i < t.length; i++) {
      if (depth == 0 && i >= openBefore) return -1;
      int past = skipCommentOrLiteral(t, i, t.length);
      if (past > i) {
        i = past - 1;
        continue;
      }
      char c = t[i];
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (--depth == 0) return i + 1;
        if (depth < 0) return -1;
      } else if (depth == 0 && (c == ';' || c == '{' || c == '}')) {
        return -1;
      }
    }
    return -1;
  }

  /** The declarator that names the entity: {@code (*fp)} and {@code *p[4]} nest it. */
  static IASTDeclarator innermost(IASTDeclarator d) {
    while (d.getNestedDeclarator() != null) d = d.getNestedDeclarator();
    return d;
  }
}
