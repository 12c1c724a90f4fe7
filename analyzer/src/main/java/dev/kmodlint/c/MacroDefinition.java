package dev.kmodlint.c;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One {@code #define} as a header writes it, split into name, parameters (absent for an
 * object-like macro) and body tokens, so that the names its body expands can be renamed.
 */
record MacroDefinition(String name, Optional<List<String>> params, List<String> body) {
  MacroDefinition {
    params = params.map(List::copyOf);
    body = List.copyOf(body);
  }

  /** {@code #define NAME(a, b) body}, continuation lines and comments allowed; empty when malformed. */
  static Optional<MacroDefinition> parse(String text) {
    String s = text.replace("\\\r\n", " ").replace("\\\n", " ");
    int i = skipSpace(s, 0);
    if (i >= s.length() || s.charAt(i) != '#') return Optional.empty();
    i = skipSpace(s, i + 1);
    if (!s.startsWith("define", i)) return Optional.empty();
    i += "define".length();
    int nameStart = skipSpace(s, i);
    if (nameStart == i) return Optional.empty();
    int nameEnd = identifierEnd(s, nameStart);
    if (nameEnd == nameStart) return Optional.empty();
    String name = s.substring(nameStart, nameEnd);
    Optional<List<String>> params = Optional.empty();
    int bodyStart = nameEnd;
    if (nameEnd < s.length() && s.charAt(nameEnd) == '(') {
      int close = s.indexOf(')', nameEnd);
      if (close < 0) return Optional.empty();
      List<String> ps = new ArrayList<>();
      for (String p : s.substring(nameEnd + 1, close).split(",")) {
        String q = p.strip();
        if (!q.isEmpty()) ps.add(q);
      }
      params = Optional.of(ps);
      bodyStart = close + 1;
    }
    List<String> tokens = tokenize(s.substring(bodyStart));
    while (!tokens.isEmpty() && tokens.get(0).equals(" ")) tokens.remove(0);
    while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).equals(" ")) tokens.remove(tokens.size() - 1);
    return Optional.of(new MacroDefinition(name, params, tokens));
  }

  /** What {@code CPreprocessor.addMacroDefinition} takes as key: {@code NAME} or {@code NAME(a, b)}. */
  String key() {
    return params.map(p -> name + "(" + String.join(", ", p) + ")").orElse(name);
  }

  String bodyText() {
    return String.join("", body);
  }

  /** The identifiers of the body that the preprocessor would expand as macros (not parameters, not pasted). */
  List<String> expandableIdentifiers() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) if (expandable(i)) out.add(body.get(i));
    return out;
  }

  /** The same macro, named {@code newName}, with each expandable identifier {@code rename} accepts prefixed. */
  MacroDefinition renamed(String newName, String prefix, Predicate<String> rename) {
    List<String> out = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      String t = body.get(i);
      out.add(expandable(i) && rename.test(t) ? prefix + t : t);
    }
    return new MacroDefinition(newName, params, out);
  }

  private boolean expandable(int i) {
    String t = body.get(i);
    if (!isIdentifier(t) || t.equals(name) || t.equals("__VA_ARGS__") || t.equals("__VA_OPT__")) return false;
    if (params.isPresent() && isParameter(t)) return false;
    String prev = neighbour(i, -1);
    String next = neighbour(i, 1);
    // operands of ## are pasted, not expanded; # only ever takes a parameter
    return !"##".equals(prev) && !"##".equals(next) && !(params.isPresent() && "#".equals(prev));
  }

  private boolean isParameter(String t) {
    for (String p : params.get()) {
      String n = p.endsWith("...") ? p.substring(0, p.length() - 3).strip() : p;
      if (n.equals(t)) return true;
    }
    return false;
  }

  private String neighbour(int i, int step) {
    for (int j = i + step; j >= 0 && j < body.size(); j += step) if (!body.get(j).equals(" ")) return body.get(j);
    return null;
  }

  static boolean isIdentifier(String t) {
    return !t.isEmpty() && (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_') && identifierEnd(t, 0) == t.length();
  }

  /**
   * Preprocessing tokens of a macro body: identifiers, numbers, string and character literals,
   * {@code ##}, single punctuators; runs of space and comments become one {@code " "}.
   */
  static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || s.startsWith("/*", i) || s.startsWith("//", i)) {
        while (i < n) {
          if (Character.isWhitespace(s.charAt(i))) i++;
          else if (s.startsWith("/*", i)) {
            int e = s.indexOf("*/", i + 2);
            i = e < 0 ? n : e + 2;
          } else if (s.startsWith("//", i)) i = n;
          else break;
        }
        if (out.isEmpty() || !out.get(out.size() - 1).equals(" ")) out.add(" ");
      } else if (Character.isLetter(c) || c == '_' || c == '$') {
        int e = identifierEnd(s, i);
        out.add(s.substring(i, e));
        i = e;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
        int e = i + 1;
        while (e < n) {
          char d = s.charAt(e);
          if ((d == '+' || d == '-') && "eEpP".indexOf(s.charAt(e - 1)) >= 0) e++;
          else if (Character.isLetterOrDigit(d) || d == '_' || d == '.') e++;
          else break;
        }
        out.add(s.substring(i, e));
        i = e;
      } else if (c == '"' || c == '\'') {
        int e = i + 1;
        while (e < n && s.charAt(e) != c) e += s.charAt(e) == '\\' ? 2 : 1;
        e = Math.min(e + 1, n);
        out.add(s.substring(i, e));
        i = e;
      } else if (s.startsWith("##", i)) {
        out.add("##");
        i += 2;
      } else {
        out.add(String.valueOf(c));
        i++;
      }
    }
    return out;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
    return i;
  }

  private static int identifierEnd(String s, int i) {
    int e = i;
    while (e < s.length() && (Character.isLetterOrDigit(s.charAt(e)) || s.charAt(e) == '_' || s.charAt(e) == '$')) e++;
    return e;
  }
}
