package dev.kmodlint.c;

import java.util.ArrayList;
import java.util.List;

/** Splits the text of a macro call into its top-level arguments, as offsets into the text. */
final class MacroArguments {
  private MacroArguments() {}

  /** {@code module_param(x, int, 0644)} -> the ranges of {@code x}, {@code  int}, {@code  0644}. */
  static List<int[]> split(String call) {
    List<int[]> out = new ArrayList<>();
    int open = call.indexOf('(');
    if (open < 0) return out;
    int depth = 0;
    int start = open + 1;
    boolean inString = false;
    char quote = 0;
    for (int i = open; i < call.length(); i++) {
      char c = call.charAt(i);
      if (inString) {
        if (c == '\\') i++;
        else if (c == quote) inString = false;
      } else if (c == '"' || c == '\'') {
        inString = true;
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (--depth == 0) {
          out.add(trim(call, start, i));
          return out;
        }
      } else if (c == ',' && depth == 1) {
        out.add(trim(call, start, i));
        start = i + 1;
      }
    }
    return out;
  }

  private static int[] trim(String s, int start, int end) {
    while (start < end && Character.isWhitespace(s.charAt(start))) start++;
    while (end > start && Character.isWhitespace(s.charAt(end - 1))) end--;
    return new int[] {start, end};
  }
}
