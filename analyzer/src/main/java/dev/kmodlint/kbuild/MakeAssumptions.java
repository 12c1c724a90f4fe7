package dev.kmodlint.kbuild;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one evaluation cannot know, in two forms.
 *
 * <p>An <em>unknown value</em> ({@code $(shell uname -r)}, a variable set outside the file) is a
 * character of the Unicode private use area standing in the expanded text for whatever the real
 * build would put there; its index says why it is unknown. Text functions carry it along
 * like any character, so a word holding one is known to be unknown, never silently dropped.
 * (The reader replaces such characters in its input, so none come from the file itself.)
 *
 * <p>An <em>assumption</em> is a question with a few possible answers on which the evaluation
 * forks: the outcome of an {@code ifeq} that depends on an unknown value (2 answers), or the
 * value of a {@code CONFIG_} symbol when no .config is given (y, m, not set). {@link Guard}s are
 * conjunctions of answers.
 */
final class MakeAssumptions {
  static final char FIRST_UNKNOWN = '\uE000';
  static final char LAST_UNKNOWN = '\uF8FF';

  private record Unknown(String reason, boolean nonEmpty) {}

  /** A question: {@code what} describes it, {@code answers} name its choices in bit order. */
  record Assumption(String what, List<String> answers) {}

  private final List<Unknown> unknowns = new ArrayList<>();
  private final Map<Unknown, Character> unknownIndex = new HashMap<>();
  private final List<Assumption> assumptions = new ArrayList<>();
  private final Map<String, Integer> namedAssumptions = new HashMap<>();

  static boolean isUnknown(char c) {
    return c >= FIRST_UNKNOWN && c <= LAST_UNKNOWN;
  }

  static boolean containsUnknown(CharSequence s) {
    for (int i = 0; i < s.length(); i++) if (isUnknown(s.charAt(i))) return true;
    return false;
  }

  /** Replaces characters that would be taken for unknown values; same length, same columns. */
  static String sanitize(String text) {
    if (!containsUnknown(text)) return text;
    StringBuilder sb = new StringBuilder(text);
    for (int i = 0; i < sb.length(); i++) if (isUnknown(sb.charAt(i))) sb.setCharAt(i, '\uFFFD');
    return sb.toString();
  }

  /**
   * The character for an unknown value; {@code nonEmpty} when it is known not to be empty
   * (KERNELRELEASE in the kbuild pass). The same reason gives the same character.
   */
  char unknown(String reason, boolean nonEmpty) {
    Unknown u = new Unknown(reason, nonEmpty);
    Character c = unknownIndex.get(u);
    if (c != null) return c;
    int index = unknowns.size();
    if (index > LAST_UNKNOWN - FIRST_UNKNOWN) return LAST_UNKNOWN; // a run out of characters shares the last
    char ch = (char) (FIRST_UNKNOWN + index);
    unknowns.add(u);
    unknownIndex.put(u, ch);
    return ch;
  }

  String unknownString(String reason) {
    return String.valueOf(unknown(reason, false));
  }

  boolean nonEmpty(char c) {
    int i = c - FIRST_UNKNOWN;
    return i >= 0 && i < unknowns.size() && unknowns.get(i).nonEmpty();
  }

  /** Why each unknown character in {@code s} is unknown, each reason once. */
  Set<String> reasons(CharSequence s) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isUnknown(c)) continue;
      int index = c - FIRST_UNKNOWN;
      out.add(index < unknowns.size() ? unknowns.get(index).reason() : "values kmodlint does not know");
    }
    return out;
  }

  /** {@code s} with each unknown character written as {@code <reason>}, for messages and names. */
  String display(CharSequence s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isUnknown(c)) {
        sb.append(c);
        continue;
      }
      int index = c - FIRST_UNKNOWN;
      sb.append('<').append(index < unknowns.size() ? unknowns.get(index).reason() : "unknown").append('>');
    }
    return sb.toString();
  }

  /** A new question with {@code answers.size()} (2 to 7) possible answers. */
  int assume(String what, List<String> answers) {
    if (answers.size() < 2 || answers.size() > 7) throw new IllegalArgumentException("2 to 7 answers");
    int id = (assumptions.size() << 3) | answers.size();
    assumptions.add(new Assumption(what, List.copyOf(answers)));
    return id;
  }

  /** The question named {@code key}, made once (the value of one CONFIG symbol is one question). */
  int named(String key, String what, List<String> answers) {
    Integer id = namedAssumptions.get(key);
    if (id != null) return id;
    int made = assume(what, answers);
    namedAssumptions.put(key, made);
    return made;
  }

  Assumption assumption(int id) {
    return assumptions.get(id >> 3);
  }

  /**
   * One line per literal of {@code g}: "when ifeq ($(ARCH),arm64) at Makefile:12 holds (it
   * depends on ARCH, set outside the file)" or "when CONFIG_FOO is y or m (...)".
   */
  List<String> describe(Guard g) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < g.size(); k++) {
      Assumption a = assumption(g.id(k));
      List<String> chosen = new ArrayList<>();
      for (int b = 0; b < a.answers().size(); b++) if ((g.mask(k) & (1 << b)) != 0) chosen.add(a.answers().get(b));
      out.add(a.what().replace("{}", String.join(" or ", chosen)));
    }
    return out;
  }
}
