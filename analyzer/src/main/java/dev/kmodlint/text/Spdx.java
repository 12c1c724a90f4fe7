package dev.kmodlint.text;

import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SpdxTag;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a file's {@code SPDX-License-Identifier} tag the way checkpatch and the kernel do. */
public final class Spdx {
  private static final String TAG = "SPDX-License-Identifier:";
  /** Ids, operators and parentheses; anything else (a closing comment, an annotation) ends it. */
  private static final Pattern TOKEN = Pattern.compile("\\s*([A-Za-z0-9.+-]+|\\(|\\))");
  private static final int SEARCH_LINES = 5;

  private Spdx() {}

  public static Optional<SpdxTag> find(SourceText text) {
    int limit = Math.min(SEARCH_LINES, text.lineCount());
    for (int line = 1; line <= limit; line++) {
      String s = text.line(line);
      int at = s.indexOf(TAG);
      if (at < 0) continue;
      String before = s.substring(0, at).strip();
      String style = before.startsWith("//") ? "//"
          : before.startsWith("/*") ? "/*"
          : before.startsWith("#") ? "#"
          : before.startsWith("..") ? ".." : before;
      String expr = expression(s.substring(at + TAG.length()));
      return Optional.of(new SpdxTag(expr, style,
          new SourcePosition(text.path(), line, at + 1, line, s.length() + 1)));
    }
    return Optional.empty();
  }

  static String expression(String rest) {
    StringBuilder sb = new StringBuilder();
    Matcher m = TOKEN.matcher(rest);
    int pos = 0;
    while (m.find(pos) && m.start() == pos) {
      if (sb.length() > 0 && !m.group(1).equals(")") && sb.charAt(sb.length() - 1) != '(') sb.append(' ');
      sb.append(m.group(1));
      pos = m.end();
    }
    return sb.toString();
  }
}
