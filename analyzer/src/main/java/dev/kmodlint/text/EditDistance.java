package dev.kmodlint.text;

/**
 * Optimal-string-alignment distances (Damerau-Levenshtein without repeated edits of one
 * substring), so that a swapped pair of letters ({@code chekc}) is one edit, as a misplaced
 * {@code e} ({@code world-writeable}) is. Here, below every front-end, because the reader of
 * suppression comments tells a misspelt directive by it as the suggestions of the rules do.
 */
public final class EditDistance {
  private EditDistance() {}

  /** Edits (insert, delete, substitute, swap two neighbours) that turn {@code a} into {@code b}. */
  public static int of(String a, String b) {
    int n = a.length();
    int m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) d[i][0] = i;
    for (int j = 0; j <= m; j++) d[0][j] = j;
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[n][m];
  }
}
