package dev.kmodlint.deploy;

import dev.kmodlint.model.DkmsConf;
import dev.kmodlint.model.DkmsConf.Assignment;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SyntaxProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code dkms.conf}, which dkms sources with bash, as the subset of shell such files
 * are written in: {@code NAME=value} and {@code NAME[i]=value} assignments (also
 * {@code NAME=(a b)}), single and double quotes, backslash escapes and continuations,
 * {@code #} comments, and {@code $NAME}/{@code ${NAME}} references, expanded when the file
 * itself set the variable and left unknown when only dkms does ({@code $kernelver},
 * {@code ${kernel_source_dir}}). Any other command makes the file {@code opaque}: it is not
 * run, and what it might set is not guessed.
 */
public final class DkmsConfReader {
  private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\[([^\\]]*)\\])?(\\+?=)");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern EXPLICIT_INDEX = Pattern.compile("\\[([0-9]+)\\]=");

  private final Path file;
  private final String text;
  private final int[] lineStarts;
  private final List<Assignment> assignments = new ArrayList<>();
  private final List<SyntaxProblem> problems = new ArrayList<>();
  private final Map<String, Optional<String>> variables = new HashMap<>();
  private boolean opaque;
  private int pos;
  /** The word being read uses a variable the file does not set. */
  private boolean wordUnknown;

  private DkmsConfReader(Path file, String text) {
    this.file = file;
    this.text = text.replace("\r\n", "\n");
    List<Integer> starts = new ArrayList<>(List.of(0));
    for (int i = 0; i < this.text.length(); i++) if (this.text.charAt(i) == '\n') starts.add(i + 1);
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  public static DkmsConf read(Path file, String content) {
    DkmsConfReader r = new DkmsConfReader(file, content);
    r.statements();
    Path dir = file.toAbsolutePath().normalize().getParent();
    return new DkmsConf(file, dir, r.assignments, r.problems, r.opaque);
  }

  /** A word as the shell reads it: its value (empty when unknown) and where it ends. */
  private record Word(Optional<String> value, String text, int start, int end, boolean failed) {}

  private void statements() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == ';') {
        pos++;
      } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
        pos += 2;
      } else if (c == '#') {
        skipComment();
      } else {
        statement();
      }
    }
  }

  private void statement() {
    int start = pos;
    Matcher m = ASSIGNMENT.matcher(text).region(pos, text.length());
    if (m.lookingAt()) {
      assignment(m);
      return;
    }
    Matcher name = NAME.matcher(text).region(pos, text.length());
    if (name.lookingAt()) {
      int after = name.end();
      int k = after;
      while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) k++;
      if (k > after && k < text.length() && text.charAt(k) == '='
          && name.group().equals(name.group().toUpperCase(java.util.Locale.ROOT))) {
        problems.add(new SyntaxProblem(span(start, k + 1), "blanks around '=': bash runs '" + name.group()
            + "' as a command instead of assigning it; write " + name.group() + "=..."));
        skipCommand();
        return;
      }
    }
    // a command: if/fi, a function, echo... not run, so nothing it sets is known
    opaque = true;
    skipCommand();
  }

  private void assignment(Matcher m) {
    String variable = m.group(1);
    String indexText = m.group(2);
    boolean append = m.group(3).equals("+=");
    int nameStart = m.start();
    int nameEnd = m.start(3);
    pos = m.end();
    if (pos < text.length() && text.charAt(pos) == '(') {
      compoundAssignment(variable, nameStart, nameEnd);
      return;
    }
    Word w = word();
    if (w.failed()) return;
    Integer index = 0;
    if (indexText != null) index = index(indexText, variable, nameStart, nameEnd);
    if (index == null) return;
    Optional<String> value = w.value();
    if (append) value = Optional.empty(); // += on an array or string: not evaluated
    record(variable, index, indexText != null, value, w, nameStart, nameEnd);
    // a command after the assignment on the same line ("A=1 make") is not something dkms.conf does
    if (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != ';') {
      int k = pos;
      while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) k++;
      if (k < text.length() && text.charAt(k) != '\n' && text.charAt(k) != ';' && text.charAt(k) != '#') {
        opaque = true;
        skipCommand();
      }
    }
  }

  /** {@code NAME=(a b [3]=c)}. */
  private void compoundAssignment(String variable, int nameStart, int nameEnd) {
    pos++;
    long next = 0;
    while (true) {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
      if (pos >= text.length()) {
        problems.add(new SyntaxProblem(span(nameStart, nameEnd), "the array assignment to " + variable
            + " has no closing ')'"));
        return;
      }
      if (text.charAt(pos) == ')') {
        pos++;
        return;
      }
      if (text.charAt(pos) == '#') {
        skipComment();
        continue;
      }
      Integer index = next <= Integer.MAX_VALUE ? Integer.valueOf((int) next) : null;
      Matcher explicit = EXPLICIT_INDEX.matcher(text).region(pos, text.length());
      boolean written = explicit.lookingAt();
      if (written) {
        index = inRange(explicit.group(1), variable, explicit.start(1), explicit.end(1));
        pos = explicit.end();
      }
      Word w = word();
      if (w.failed()) return;
      if (w.end() == w.start()) { // a ')' glued to the last element, or a stray character
        if (pos < text.length() && text.charAt(pos) != ')') pos++;
        continue;
      }
      if (index == null) {
        // out of range: reported where written, or once at the element that runs past the last index
        if (!written && next != Long.MAX_VALUE) inRange(Long.toString(next), variable, w.start(), w.end());
        next = Long.MAX_VALUE;
        continue;
      }
      record(variable, index, true, w.value(), w, nameStart, nameEnd);
      next = index + 1L;
    }
  }

  private Integer index(String indexText, String variable, int nameStart, int nameEnd) {
    String t = indexText.strip();
    if (t.matches("[0-9]+")) return inRange(t, variable, nameStart, nameEnd);
    if (t.isEmpty()) {
      problems.add(new SyntaxProblem(span(nameStart, nameEnd), "empty array index: bash rejects '[]='"
          + " ('bad array subscript'); write [0]"));
      return null;
    }
    opaque = true; // an index computed at run time
    return null;
  }

  /**
   * A literal index, or null (reported) when it is past what an int holds: dkms walks module
   * records from 0 up to the largest index, so such an index stands for billions of empty records.
   */
  private Integer inRange(String digits, String variable, int start, int end) {
    String t = digits.replaceFirst("^0+(?=.)", "");
    if (t.length() <= 9 || (t.length() == 10 && t.compareTo("2147483647") <= 0)) return Integer.valueOf(t);
    problems.add(new SyntaxProblem(span(start, end), variable + "[" + digits + "]: index " + digits
        + " is out of range; dkms numbers array elements 0, 1, 2... and walks its module records up to the"
        + " largest index, so every record before this one would be empty ('Bad conf file'); number them from 0"));
    return null;
  }

  private void record(String variable, int index, boolean indexed, Optional<String> value, Word w, int nameStart,
      int nameEnd) {
    assignments.add(new Assignment(variable, index, indexed, value, w.text(), span(nameStart, nameEnd),
        span(w.start(), w.end())));
    if (index == 0) variables.put(variable, value);
  }

  /**
   * One shell word from {@code pos}: stops at unquoted blanks, newline, {@code ;}, {@code )},
   * {@code #}-free operators. Reports unterminated quotes and expansions.
   */
  private Word word() {
    int start = pos;
    StringBuilder value = new StringBuilder();
    wordUnknown = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == ')' || c == '&' || c == '|' || c == '<'
          || c == '>') break;
      if (c == '\'') {
        int close = text.indexOf('\'', pos + 1);
        if (close < 0) return unterminated(start, pos, "single quote");
        value.append(text, pos + 1, close);
        pos = close + 1;
      } else if (c == '"') {
        int open = pos;
        pos++;
        while (true) {
          if (pos >= text.length()) return unterminated(start, open, "double quote");
          char d = text.charAt(pos);
          if (d == '"') {
            pos++;
            break;
          }
          if (d == '\\' && pos + 1 < text.length()) {
            char e = text.charAt(pos + 1);
            if (e == '\n') {
              pos += 2;
            } else if (e == '$' || e == '`' || e == '"' || e == '\\') {
              value.append(e);
              pos += 2;
            } else {
              value.append(d);
              pos++;
            }
          } else if (d == '$' || d == '`') {
            if (!expandInto(value)) return failed(start);
          } else {
            value.append(d);
            pos++;
          }
        }
      } else if (c == '\\') {
        if (pos + 1 < text.length() && text.charAt(pos + 1) != '\n') value.append(text.charAt(pos + 1));
        pos = Math.min(text.length(), pos + 2);
      } else if (c == '$' || c == '`') {
        if (!expandInto(value)) return failed(start);
      } else {
        value.append(c);
        pos++;
      }
    }
    return new Word(!wordUnknown ? Optional.of(value.toString()) : Optional.empty(), text.substring(start, pos), start, pos,
        false);
  }

  /**
   * Appends the value of the expansion at {@code pos} to {@code value}, or marks the word
   * unknown when it is not the file's own variable; false when the expansion is unterminated.
   */
  private boolean expandInto(StringBuilder value) {
    Optional<Optional<String>> x = expansion();
    if (x.isEmpty()) return false;
    if (x.get().isPresent()) value.append(x.get().get());
    else wordUnknown = true;
    return true;
  }

  /**
   * A {@code $...} or backquote expansion at {@code pos}: its value when the file set the
   * variable, {@code Optional.of(Optional.empty())} when it is unknown, empty when unterminated.
   */
  private Optional<Optional<String>> expansion() {
    int start = pos;
    char c = text.charAt(pos);
    if (c == '`') {
      int close = text.indexOf('`', pos + 1);
      if (close < 0) {
        unterminated(start, start, "backquote");
        return Optional.empty();
      }
      pos = close + 1;
      opaque = true;
      return Optional.of(Optional.empty());
    }
    if (pos + 1 >= text.length()) {
      pos++;
      return Optional.of(Optional.of("$"));
    }
    char n = text.charAt(pos + 1);
    if (n == '{') {
      int close = text.indexOf('}', pos + 2);
      int newline = text.indexOf('\n', pos + 2);
      if (close < 0 || (newline >= 0 && newline < close)) {
        unterminated(start, start, "'${'");
        return Optional.empty();
      }
      String inner = text.substring(pos + 2, close);
      pos = close + 1;
      return Optional.of(NAME.matcher(inner).matches() ? lookup(inner) : Optional.empty());
    }
    if (n == '(') {
      int depth = 0;
      for (int k = pos + 1; k < text.length(); k++) {
        if (text.charAt(k) == '(') depth++;
        else if (text.charAt(k) == ')' && --depth == 0) {
          pos = k + 1;
          opaque = true;
          return Optional.of(Optional.empty());
        }
      }
      unterminated(start, start, "'$('");
      return Optional.empty();
    }
    Matcher m = NAME.matcher(text).region(pos + 1, text.length());
    if (m.lookingAt()) {
      pos = m.end();
      return Optional.of(lookup(m.group()));
    }
    pos += 2; // $1, $@, $$...: not something the file sets
    return Optional.of(Optional.empty());
  }

  private Optional<String> lookup(String name) {
    return variables.getOrDefault(name, Optional.empty());
  }

  private Word unterminated(int wordStart, int at, String what) {
    problems.add(new SyntaxProblem(span(at, at + 1), "unterminated " + what + ": bash stops reading the file"
        + " here ('unexpected EOF'), so dkms cannot read the package"));
    pos = text.length();
    return failed(wordStart);
  }

  private Word failed(int start) {
    pos = text.length();
    return new Word(Optional.empty(), text.substring(start), start, text.length(), true);
  }

  private void skipComment() {
    int nl = text.indexOf('\n', pos);
    pos = nl < 0 ? text.length() : nl;
  }

  /** Skips a command up to the end of its line, minding quotes so a quoted newline does not end it. */
  private void skipCommand() {
    while (pos < text.length() && text.charAt(pos) != '\n') {
      char c = text.charAt(pos);
      if (c == '#' && (pos == 0 || Character.isWhitespace(text.charAt(pos - 1)))) {
        skipComment();
        return;
      }
      if (c == '\'' || c == '"' || c == '`' || c == '$' || c == '\\') {
        Word w = word();
        if (w.failed()) return;
        if (w.end() == w.start()) pos++;
      } else {
        pos++;
      }
    }
  }

  private SourcePosition span(int start, int end) {
    int[] s = lineColumn(start);
    int[] e = lineColumn(Math.max(start, end - 1));
    return new SourcePosition(file, s[0], s[1], e[0], end > start ? e[1] + 1 : s[1]);
  }

  private int[] lineColumn(int offset) {
    int o = Math.min(offset, text.length());
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return new int[] {lo + 1, o - lineStarts[lo] + 1};
  }
}
