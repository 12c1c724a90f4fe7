package dev.kmodlint.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether standard output is a terminal, which decides {@code --color auto}, and what may be
 * sent to one: text from the scanned tree (source lines, file and module names) is shown with
 * its control characters escaped, so that a hostile file cannot move the cursor, retitle the
 * window or clear the screen of whoever reads the report.
 */
final class Terminal {
  private Terminal() {}

  static boolean isInteractive() {
    Console console = System.console();
    if (console == null) return false;
    // from Java 22 System.console() exists even when redirected; isTerminal() then tells
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  /**
   * {@code s} with every character a terminal would act on written as {@code <U+001B>}, the
   * way gcc shows them in its excerpts: C0 controls but the tab, DEL, C1 controls, the line and
   * paragraph separators, and the bidirectional overrides and isolates that reorder what is
   * shown ("Trojan Source", CVE-2021-42574).
   */
  static String printable(String s) {
    if (s == null) return null;
    int i = 0;
    while (i < s.length() && !escaped(s.charAt(i))) i++;
    if (i == s.length()) return s;
    StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) append(sb, s.charAt(i));
    return sb.toString();
  }

  /** Appends {@code c} as {@link #printable} shows it. */
  static void append(StringBuilder sb, char c) {
    if (escaped(c)) sb.append(String.format("<U+%04X>", (int) c));
    else sb.append(c);
  }

  static boolean escaped(char c) {
    return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u061c'
        || c == '\u200e' || c == '\u200f';
  }
}
