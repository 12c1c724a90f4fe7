package dev.kmodlint.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a C file or header says without being preprocessed, read from its text: the files it
 * includes, the macros it defines, the names it mentions and what its {@code EXPORT_SYMBOL*}
 * calls can export. Every branch of a conditional counts and comments do not: the answers are
 * supersets of what a preprocessor working in any configuration would find, which is what a
 * caller deciding which files can matter without parsing them needs. Where the text alone
 * cannot tell (a computed {@code #include MACRO}, an export whose name a macro makes), it says
 * so instead of guessing.
 */
public final class CTextScan {
  /** {@code #include "name"} ({@code angled} false) or {@code #include <name>}. */
  public record Include(String name, boolean angled) {}

  /** Code with comments blanked (offsets kept) and directives blanked too. */
  private final String code;
  private final List<Include> includes = new ArrayList<>();
  private final Set<String> defined = new HashSet<>();
  /** Identifiers in the bodies (and names) of the {@code #define}s. */
  private final Set<String> defineWords = new HashSet<>();
  private boolean computedInclude;
  private boolean pastes;
  private Set<String> identifiers;

  private CTextScan(CharSequence text) {
    StringBuilder s = blankComments(text);
    int n = s.length();
    int i = 0;
    while (i < n) {
      // one logical line: continuation lines belong to it
      int start = i;
      int end = start;
      while (end < n && s.charAt(end) != '\n') {
        if (s.charAt(end) == '\\' && end + 1 < n && s.charAt(end + 1) == '\n') end += 2;
        else end++;
      }
      int j = start;
      while (j < end && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) j++;
      if (j < end && s.charAt(j) == '#') {
        directive(s.substring(j + 1, end));
        for (int k = start; k < end; k++) if (s.charAt(k) != '\n') s.setCharAt(k, ' ');
      }
      i = end + 1;
    }
    code = s.toString();
  }

  public static CTextScan of(CharSequence text) {
    return new CTextScan(text);
  }

  private void directive(String d) {
    String t = d.replace("\\\n", " ").strip();
    if (t.startsWith("include") || t.startsWith("import")) {
      String rest = t.substring(t.startsWith("include_next") ? "include_next".length()
          : t.startsWith("include") ? "include".length() : "import".length()).strip();
      if (rest.startsWith("\"")) {
        int close = rest.indexOf('"', 1);
        if (close > 1) includes.add(new Include(rest.substring(1, close), false));
      } else if (rest.startsWith("<")) {
        int close = rest.indexOf('>', 1);
        if (close > 1) includes.add(new Include(rest.substring(1, close), true));
      } else if (!rest.isEmpty()) {
        computedInclude = true; // #include MACRO: what it names is the preprocessor's business
      }
    } else if (t.startsWith("define")) {
      String rest = t.substring("define".length());
      Set<String> words = words(rest);
      defineWords.addAll(words);
      int k = 0;
      while (k < rest.length() && Character.isWhitespace(rest.charAt(k))) k++;
      int nameStart = k;
      while (k < rest.length() && isIdentifierPart(rest.charAt(k))) k++;
      if (k > nameStart) defined.add(rest.substring(nameStart, k));
      if (rest.contains("##")) pastes = true;
    }
  }

  /** The includes, in text order, of every branch. */
  public List<Include> includes() {
    return List.copyOf(includes);
  }

  /** True when an {@code #include} names its file through a macro. */
  public boolean computedInclude() {
    return computedInclude;
  }

  /** The names this text {@code #define}s. */
  public Set<String> definedMacros() {
    return Set.copyOf(defined);
  }

  /** True when one of its {@code #define}s pastes tokens ({@code a##b}): it may make names the text never spells. */
  public boolean pastes() {
    return pastes;
  }

  /** True when a {@code #define} of this text mentions one of {@code names} (in its name or body). */
  public boolean definesWith(Set<String> names) {
    for (String n : names) if (defineWords.contains(n)) return true;
    return false;
  }

  /** Every identifier of the code and of its {@code #define}s (comments aside). */
  public Set<String> identifiers() {
    if (identifiers == null) {
      Set<String> ids = words(code);
      ids.addAll(defineWords);
      identifiers = ids;
    }
    return identifiers;
  }

  /**
   * The names the export calls of the code can export, or empty when the text cannot tell.
   * {@code verbatim} maps each export macro that exports some of its arguments as written to
   * their indexes ({@code EXPORT_SYMBOL(name)}: 0); a call of one exports those arguments when
   * each is a plain identifier that is no macro ({@code isMacro}, or a {@code #define} of this
   * text). Any other mention of a name of {@code exporting} (the macros whose expansion reaches
   * an export), or a {@code #define} that mentions one, makes the answer unknown.
   */
  public Optional<Set<String>> exportedNames(Set<String> exporting, Map<String, Set<Integer>> verbatim,
      Predicate<String> isMacro) {
    if (definesWith(exporting)) return Optional.empty();
    Set<String> out = new HashSet<>();
    int n = code.length();
    int i = 0;
    while (i < n) {
      char c = code.charAt(i);
      if (!isIdentifierStart(c)) {
        i = skipNonIdentifier(code, i);
        continue;
      }
      int s = i;
      while (i < n && isIdentifierPart(code.charAt(i))) i++;
      String w = code.substring(s, i);
      if (!exporting.contains(w)) continue;
      Set<Integer> which = verbatim.get(w);
      if (which == null) return Optional.empty();
      Optional<List<String>> args = arguments(code, i);
      if (args.isEmpty()) return Optional.empty();
      for (int k : which) {
        if (k >= args.get().size()) return Optional.empty();
        String arg = args.get().get(k);
        if (!isIdentifier(arg) || isMacro.test(arg) || defined.contains(arg)) return Optional.empty();
        out.add(arg);
      }
    }
    return Optional.of(out);
  }

  /** True for a whole identifier ({@code name}, not {@code a.b} or {@code 1}). */
  public static boolean isIdentifier(String s) {
    if (s.isEmpty() || !isIdentifierStart(s.charAt(0))) return false;
    for (int i = 1; i < s.length(); i++) if (!isIdentifierPart(s.charAt(i))) return false;
    return true;
  }

  /**
   * The arguments of the call whose name ends at {@code from} in {@code text}, each stripped:
   * {@code (a, f(b, c))} is {@code a} and {@code f(b, c)}. Empty when no parenthesis follows or
   * it does not close.
   */
  public static Optional<List<String>> arguments(CharSequence text, int from) {
    int n = text.length();
    int i = from;
    while (i < n && Character.isWhitespace(text.charAt(i))) i++;
    if (i >= n || text.charAt(i) != '(') return Optional.empty();
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = i + 1;
    for (i = i + 1; i < n; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') j += text.charAt(j) == '\\' ? 2 : 1;
        i = j;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        depth--;
      } else if (c == ')') {
        out.add(text.subSequence(start, i).toString().strip());
        return Optional.of(out);
      } else if (c == ',' && depth == 0) {
        out.add(text.subSequence(start, i).toString().strip());
        start = i + 1;
      }
    }
    return Optional.empty();
  }

  /**
   * Past a character that starts no identifier: a number is skipped whole ({@code 0x1f} holds
   * no name), and so is a string or character literal.
   */
  private static int skipNonIdentifier(CharSequence s, int i) {
    int n = s.length();
    char c = s.charAt(i);
    if (c >= '0' && c <= '9') {
      while (i < n && (isIdentifierPart(s.charAt(i)) || s.charAt(i) == '.')) i++;
      return i;
    }
    if (c == '"' || c == '\'') {
      int j = i + 1;
      while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') j += s.charAt(j) == '\\' ? 2 : 1;
      return Math.min(n, j + 1);
    }
    return i + 1;
  }

  private static Set<String> words(CharSequence s) {
    Set<String> out = new HashSet<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      if (isIdentifierStart(s.charAt(i))) {
        int st = i;
        while (i < n && isIdentifierPart(s.charAt(i))) i++;
        out.add(s.subSequence(st, i).toString());
      } else {
        i = skipNonIdentifier(s, i);
      }
    }
    return out;
  }

  private static boolean isIdentifierStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }

  /** Comments become spaces (newlines kept); string and character literals are kept as they are. */
  private static StringBuilder blankComments(CharSequence in) {
    StringBuilder out = new StringBuilder(in);
    int n = out.length();
    for (int i = 0; i < n; i++) {
      char c = out.charAt(i);
      if (c == '/' && i + 1 < n && out.charAt(i + 1) == '*') {
        int j = i + 2;
        while (j + 1 < n && !(out.charAt(j) == '*' && out.charAt(j + 1) == '/')) j++;
        int last = Math.min(n - 1, j + 1);
        for (int k = i; k <= last; k++) if (out.charAt(k) != '\n') out.setCharAt(k, ' ');
        i = last;
      } else if (c == '/' && i + 1 < n && out.charAt(i + 1) == '/') {
        // a // comment ends at the end of its logical line
        for (; i < n && out.charAt(i) != '\n'; i++) {
          if (out.charAt(i) == '\\' && i + 1 < n && out.charAt(i + 1) == '\n') {
            out.setCharAt(i, ' ');
            i++;
            continue;
          }
          out.setCharAt(i, ' ');
        }
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && out.charAt(j) != c && out.charAt(j) != '\n') j += out.charAt(j) == '\\' ? 2 : 1;
        i = Math.min(j, n - 1);
      }
    }
    return out;
  }
}
