package dev.kmodlint.c;

/** Decodes C string literal tokens, including adjacent ones ({@code "Dual BSD" "/GPL"}). */
final class CStrings {
  private CStrings() {}

  static String decode(String literal) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = literal.length();
    while (i < n) {
      char c = literal.charAt(i);
      if (c != '"') { // prefixes (L, u8) and whitespace between segments
        i++;
        continue;
      }
      i++;
      while (i < n && literal.charAt(i) != '"') {
        char ch = literal.charAt(i++);
        if (ch != '\\' || i >= n) {
          out.append(ch);
          continue;
        }
        char e = literal.charAt(i++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case '0' -> out.append('\0');
          case 'x' -> {
            int start = i;
            while (i < n && Character.digit(literal.charAt(i), 16) >= 0) i++;
            if (i > start) out.append((char) Integer.parseInt(literal.substring(start, i), 16));
          }
          default -> out.append(e);
        }
      }
      i++;
    }
    return out.toString();
  }

  /**
   * The template of an asm statement as CDT gives it after preprocessing: its tokens' images
   * joined by blanks, the operands after the first {@code :} ({@code "a:" "b" : "=r" (x)}).
   * {@code text}: its literals decoded and joined; {@code complete} is false when a token
   * between them is not a literal (a macro the preprocessor did not know), whose text is then
   * unknown: a line break stands in for it, so that no name is made of the literals around it.
   */
  record AsmTemplate(String text, boolean complete) {}

  static AsmTemplate asmTemplate(String assembly) {
    StringBuilder out = new StringBuilder();
    boolean complete = true;
    int i = 0;
    int n = assembly.length();
    while (i < n) {
      char c = assembly.charAt(i);
      if (c == ':') break;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int j = i + 1;
        while (j < n && assembly.charAt(j) != '"') j += assembly.charAt(j) == '\\' ? 2 : 1;
        out.append(decode(assembly.substring(i, Math.min(j + 1, n))));
        i = j + 1;
      } else {
        complete = false;
        out.append('\n');
        while (i < n && !Character.isWhitespace(assembly.charAt(i)) && assembly.charAt(i) != '"' && assembly.charAt(i) != ':') i++;
      }
    }
    return new AsmTemplate(out.toString(), complete);
  }
}
