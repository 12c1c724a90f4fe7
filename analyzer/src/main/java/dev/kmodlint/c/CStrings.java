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
}
