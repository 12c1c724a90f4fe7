package dev.kmodlint.c;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * gcc's {@code __has_include(<name>)}, {@code __has_include("name")} and their {@code _next}
 * forms, which CDT's preprocessor does not know: each one of an {@code #if}, {@code #elif} or
 * {@code #define} line is decided before CDT reads the file, and written over with {@code 1} or
 * {@code 0} and spaces (newlines kept), so that every offset and line of the file stays where it
 * was. {@code #ifdef __has_include} and {@code defined(__has_include)} are left to the prelude,
 * which defines both names, as gcc does. What {@link Lookup} cannot decide is taken as absent
 * ({@code 0}) and told in {@link Result#unknown()}.
 */
final class HasInclude {
  private static final String NAME = "__has_include";
  private static final Set<String> DIRECTIVES = Set.of("if", "elif", "define");

  private HasInclude() {}

  /** Whether the build finds a header: found, not found, or a reason why kmodlint cannot tell. */
  record Answer(boolean found, String unknownWhy) {
    static final Answer FOUND = new Answer(true, null);
    static final Answer ABSENT = new Answer(false, null);

    static Answer unknown(String why) {
      return new Answer(false, why);
    }

    boolean known() {
      return unknownWhy == null;
    }
  }

  /** Finds a header as the build's preprocessor would, for the file being read. */
  @FunctionalInterface
  interface Lookup {
    /** {@code name} as written between the delimiters; {@code angled} for {@code <...>}. */
    Answer find(String name, boolean angled, boolean next);
  }

  /** One that was not decided: where it is in the text, what it says, and why. */
  record Unknown(int offset, int length, String text, String why) {}

  /** The text as CDT is to read it ({@code text} itself when nothing changed), and what stayed unknown. */
  record Result(char[] text, List<Unknown> unknown) {}

  /** Decides every {@code __has_include} of {@code text} with {@code lookup}. */
  static Result rewrite(char[] text, Lookup lookup) {
    int at = indexOf(text, 0);
    if (at < 0) return new Result(text, List.of());
    char[] out = text;
    List<Unknown> unknown = new ArrayList<>();
    for (; at >= 0; at = indexOf(text, at + NAME.length())) {
      int end = at + NAME.length();
      if (at > 0 && identifierPart(text[at - 1])) continue;
      boolean next = false;
      if (startsWith(text, end, "_next")) {
        next = true;
        end += "_next".length();
      }
      if (end < text.length && identifierPart(text[end])) continue;
      int lineStart = logicalLineStart(text, at);
      if (!inDirective(text, lineStart, at)) continue;
      int open = skipBlank(text, end);
      if (open >= text.length || text[open] != '(') continue; // defined(__has_include), #ifdef __has_include
      int arg = skipBlank(text, open + 1);
      if (arg >= text.length) continue;
      char delimiter = text[arg];
      char closing = delimiter == '<' ? '>' : delimiter == '"' ? '"' : 0;
      int nameEnd = -1;
      if (closing != 0) {
        for (int i = arg + 1; i < text.length && text[i] != '\n'; i++) {
          if (text[i] == closing) {
            nameEnd = i;
            break;
          }
        }
      }
      int close = nameEnd < 0 ? matchingParen(text, open) : skipBlank(text, nameEnd + 1);
      if (close < 0 || close >= text.length || text[close] != ')') continue; // not one kmodlint can read: CDT's
      Answer a;
      if (nameEnd < 0) {
        a = Answer.unknown("its argument is not a header name written out (a macro kmodlint does not expand here)");
      } else {
        String name = new String(text, arg + 1, nameEnd - arg - 1).strip();
        a = name.isEmpty() ? Answer.unknown("it names no header") : lookup.find(name, delimiter == '<', next);
      }
      if (!a.known()) unknown.add(new Unknown(at, close + 1 - at, new String(text, at, close + 1 - at), a.unknownWhy()));
      if (out == text) out = text.clone();
      out[at] = a.found() ? '1' : '0';
      for (int i = at + 1; i <= close; i++) if (out[i] != '\n' && out[i] != '\r') out[i] = ' ';
    }
    return new Result(out, List.copyOf(unknown));
  }

  private static int indexOf(char[] t, int from) {
    outer:
    for (int i = from; i + NAME.length() <= t.length; i++) {
      if (t[i] != '_') continue;
      for (int k = 1; k < NAME.length(); k++) if (t[i + k] != NAME.charAt(k)) continue outer;
      return i;
    }
    return -1;
  }

  /** The start of the logical line holding {@code at}: lines joined by a backslash before the newline count as one. */
  private static int logicalLineStart(char[] t, int at) {
    int i = at;
    while (true) {
      while (i > 0 && t[i - 1] != '\n') i--;
      if (i == 0) return 0;
      int prev = i - 2; // the character before that newline
      if (prev >= 0 && t[prev] == '\r') prev--;
      if (prev >= 0 && t[prev] == '\\') {
        i = prev;
        continue;
      }
      return i;
    }
  }

  /** True when the logical line is an #if, #elif or #define line and {@code at} is outside its string literals. */
  private static boolean inDirective(char[] t, int lineStart, int at) {
    int i = skipBlank(t, lineStart);
    if (i >= at || t[i] != '#') return false;
    i = skipBlank(t, i + 1);
    int e = i;
    while (e < t.length && Character.isLetter(t[e])) e++;
    if (!DIRECTIVES.contains(new String(t, i, e - i))) return false;
    boolean inString = false;
    for (int k = e; k < at; k++) {
      if (t[k] == '\\' && inString) k++;
      else if (t[k] == '"') inString = !inString;
    }
    return !inString;
  }

  private static int matchingParen(char[] t, int open) {
    int depth = 0;
    for (int i = open; i < t.length; i++) {
      if (t[i] == '\n' && (i == 0 || t[i - 1] != '\\')) return -1;
      if (t[i] == '(') depth++;
      else if (t[i] == ')' && --depth == 0) return i;
    }
    return -1;
  }

  private static int skipBlank(char[] t, int i) {
    while (i < t.length && (t[i] == ' ' || t[i] == '\t')) i++;
    return i;
  }

  private static boolean startsWith(char[] t, int i, String s) {
    if (i + s.length() > t.length) return false;
    for (int k = 0; k < s.length(); k++) if (t[i + k] != s.charAt(k)) return false;
    return true;
  }

  private static boolean identifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
