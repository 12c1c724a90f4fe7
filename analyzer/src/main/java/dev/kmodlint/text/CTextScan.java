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

  /**
   * A set of names looked up by a slice of a text, without making a string of each
   * identifier: a directory's files hold millions of them and only a few are wanted.
   */
  public static final class Names {
    private final int[] hashes;
    private final String[] names;
    private final int mask;

    public Names(Set<String> of) {
      int size = Integer.highestOneBit(Math.max(4, of.size() * 4) - 1) << 1;
      hashes = new int[size];
      names = new String[size];
      mask = size - 1;
      for (String n : of) {
        int h = n.hashCode();
        int i = h & mask;
        while (names[i] != null) i = (i + 1) & mask;
        names[i] = n;
        hashes[i] = h;
      }
    }

    /** The name that {@code text[from, to)} spells, or null. */
    String find(char[] text, int from, int to) {
      int h = 0;
      for (int k = from; k < to; k++) h = 31 * h + text[k];
      for (int i = h & mask; names[i] != null; i = (i + 1) & mask) {
        String n = names[i];
        if (hashes[i] != h || n.length() != to - from) continue;
        boolean same = true;
        for (int k = 0; k < n.length() && same; k++) same = n.charAt(k) == text[from + k];
        if (same) return n;
      }
      return null;
    }
  }

  /** Code with comments blanked (offsets kept) and directives blanked too. */
  private final char[] code;
  private final List<Include> includes = new ArrayList<>();
  private final Set<String> defined = new HashSet<>();
  /** Identifiers in the bodies (and names) of the {@code #define}s. */
  private final Set<String> defineWords = new HashSet<>();
  private boolean computedInclude;
  private boolean pastes;
  private Set<String> identifiers;

  private CTextScan(CharSequence text) {
    char[] s = text.toString().toCharArray();
    blankComments(s);
    int n = s.length;
    int i = 0;
    while (i < n) {
      // one logical line: continuation lines belong to it
      int start = i;
      int end = start;
      while (end < n && s[end] != '\n') end += s[end] == '\\' && end + 1 < n && s[end + 1] == '\n' ? 2 : 1;
      int j = start;
      while (j < end && (s[j] == ' ' || s[j] == '\t')) j++;
      if (j < end && s[j] == '#') {
        directive(new String(s, j + 1, end - j - 1));
        for (int k = start; k < end; k++) if (s[k] != '\n') s[k] = ' ';
      }
      i = end + 1;
    }
    code = s;
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
      char[] r = rest.toCharArray();
      words(r, 0, r.length, defineWords);
      int k = 0;
      while (k < r.length && Character.isWhitespace(r[k])) k++;
      int nameStart = k;
      while (k < r.length && isIdentifierPart(r[k])) k++;
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

  /** True when the code or a {@code #define} mentions a name of {@code names}. */
  public boolean mentions(Names names) {
    for (String w : defineWords) if (names.find(w.toCharArray(), 0, w.length()) != null) return true;
    return eachIdentifier(code, 0, code.length, (s, start, end) -> names.find(s, start, end) != null);
  }

  /** Every identifier of the code and of its {@code #define}s (comments aside). */
  public Set<String> identifiers() {
    if (identifiers == null) {
      Set<String> ids = new HashSet<>();
      words(code, 0, code.length, ids);
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
    Names wanted = new Names(exporting);
    Set<String> out = new HashSet<>();
    // stops at the first call the text cannot tell the exported names of
    boolean unknown = eachIdentifier(code, 0, code.length, (s, start, end) -> {
      String w = wanted.find(s, start, end);
      if (w == null) return false;
      Set<Integer> which = verbatim.get(w);
      if (which == null) return true;
      Optional<List<String>> args = arguments(java.nio.CharBuffer.wrap(s), end);
      if (args.isEmpty()) return true;
      for (int k : which) {
        if (k >= args.get().size()) return true;
        String arg = args.get().get(k);
        if (!isIdentifier(arg) || isMacro.test(arg) || defined.contains(arg)) return true;
        out.add(arg);
      }
      return false;
    });
    return unknown ? Optional.empty() : Optional.of(out);
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
  private static int skipNonIdentifier(char[] s, int i, int n) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      while (i < n && (isIdentifierPart(s[i]) || s[i] == '.')) i++;
      return i;
    }
    if (c == '"' || c == '\'') {
      int j = i + 1;
      while (j < n && s[j] != c && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
      return Math.min(n, j + 1);
    }
    return i + 1;
  }

  private static void words(char[] s, int from, int to, Set<String> out) {
    eachIdentifier(s, from, to, (c, start, end) -> {
      out.add(new String(c, start, end - start));
      return false;
    });
  }

  /** What to do with one identifier, {@code s[start, end)}: true stops the scan. */
  private interface IdentifierVisitor {
    boolean stop(char[] s, int start, int end);
  }

  /** Visits the identifiers of {@code s[from, to)} in order; true when the visitor stopped the scan. */
  private static boolean eachIdentifier(char[] s, int from, int to, IdentifierVisitor visitor) {
    int i = from;
    while (i < to) {
      if (isIdentifierStart(s[i])) {
        int st = i;
        while (i < to && isIdentifierPart(s[i])) i++;
        if (visitor.stop(s, st, i)) return true;
      } else {
        i = skipNonIdentifier(s, i, to);
      }
    }
    return false;
  }

  private static boolean isIdentifierStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }

  /** Comments become spaces (newlines kept); string and character literals are kept as they are. */
  private static void blankComments(char[] s) {
    int n = s.length;
    for (int i = 0; i < n; i++) {
      char c = s[i];
      if (c == '/' && i + 1 < n && s[i + 1] == '*') {
        int j = i + 2;
        while (j + 1 < n && !(s[j] == '*' && s[j + 1] == '/')) j++;
        int last = Math.min(n - 1, j + 1);
        for (int k = i; k <= last; k++) if (s[k] != '\n') s[k] = ' ';
        i = last;
      } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
        // a // comment ends at the end of its logical line
        for (; i < n && s[i] != '\n'; i++) {
          if (s[i] == '\\' && i + 1 < n && s[i + 1] == '\n') {
            s[i] = ' ';
            i++;
            continue;
          }
          s[i] = ' ';
        }
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && s[j] != c && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
        i = Math.min(j, n - 1);
      }
    }
  }
}
