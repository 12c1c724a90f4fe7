package dev.kmodlint.rule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * "Did you mean ...?" for names a user typed: a command, a rule ID, a directive, a CONFIG
 * symbol. Distances are {@link dev.kmodlint.text.EditDistance}'s: a swapped pair of letters
 * ({@code chekc}) is one edit, as a misplaced {@code e} ({@code world-writeable}) is.
 */
public final class Suggestions {
  private Suggestions() {}

  /** Edits (insert, delete, substitute, swap two neighbours) that turn {@code a} into {@code b}. */
  public static int distance(String a, String b) {
    return dev.kmodlint.text.EditDistance.of(a, b);
  }

  /**
   * How far a typed name may be from what it meant: one edit for names up to four characters
   * (so that {@code info} does not suggest {@code index}), two up to eight, three beyond.
   */
  public static int tolerance(String typed) {
    return typed.length() <= 4 ? 1 : typed.length() <= 8 ? 2 : 3;
  }

  /**
   * The candidate nearest to {@code typed} (case ignored) within {@link #tolerance}; ties go
   * to the first in alphabetical order. Empty when {@code typed} is itself a candidate.
   */
  public static Optional<String> nearest(String typed, Collection<String> candidates) {
    String t = typed.toLowerCase(Locale.ROOT);
    int best = tolerance(typed) + 1;
    String found = null;
    for (String c : new TreeSet<>(candidates)) {
      if (c.equals(typed)) return Optional.empty();
      int d = distance(t, c.toLowerCase(Locale.ROOT));
      if (d < best) {
        best = d;
        found = c;
      }
    }
    return Optional.ofNullable(found);
  }

  /** {@code " (did you mean 'check'?)"}, or the empty string when nothing is near. */
  public static String didYouMean(String typed, Collection<String> candidates) {
    return nearest(typed, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }

  /**
   * The names one edit away from {@code typed} that {@code exists} accepts, sorted: for large
   * name spaces (the kernel's 20,000 CONFIG symbols) where comparing with each is too slow.
   * {@code alphabet}: the characters a name may hold.
   */
  public static List<String> oneEditAway(String typed, String alphabet, Predicate<String> exists) {
    TreeSet<String> out = new TreeSet<>();
    StringBuilder sb = new StringBuilder(typed.length() + 1);
    int n = typed.length();
    for (int i = 0; i <= n; i++) {
      if (i < n) {
        check(out, exists, typed.substring(0, i) + typed.substring(i + 1), typed); // delete
        if (i + 1 < n) { // swap
          sb.setLength(0);
          sb.append(typed, 0, i).append(typed.charAt(i + 1)).append(typed.charAt(i)).append(typed, i + 2, n);
          check(out, exists, sb.toString(), typed);
        }
      }
      for (int k = 0; k < alphabet.length(); k++) {
        char c = alphabet.charAt(k);
        check(out, exists, typed.substring(0, i) + c + typed.substring(i), typed); // insert
        if (i < n && typed.charAt(i) != c) check(out, exists, typed.substring(0, i) + c + typed.substring(i + 1), typed);
      }
    }
    return new ArrayList<>(out);
  }

  private static void check(TreeSet<String> out, Predicate<String> exists, String candidate, String typed) {
    if (!candidate.isEmpty() && !candidate.equals(typed) && exists.test(candidate)) out.add(candidate);
  }
}
