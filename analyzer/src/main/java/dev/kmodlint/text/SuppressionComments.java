package dev.kmodlint.text;

import dev.kmodlint.model.SuppressionDirective;
import dev.kmodlint.model.SuppressionDirective.Scope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code kmodlint-disable-next-line ID}, {@code kmodlint-disable-line ID[, ID]} and
 * {@code kmodlint-disable-file ID} comments of one file: after {@code /*} or {@code //} in C
 * and after {@code #} in every other file (Makefile, Kbuild, Kconfig, dkms.conf, modprobe.d).
 * The comment syntax is told by the file name alone, so files that no front-end parses can
 * carry suppressions too. IDs are separated by commas or spaces, and {@code --} starts a
 * reason that is not read; a comment that starts with a misspelt directive is kept as
 * {@link Scope#MISSPELT}. Read where the file is read for its facts, so that no file is read
 * twice for them.
 */
public final class SuppressionComments {
  private static final Pattern C_DIRECTIVE = directive("(?://|/\\*)");
  private static final Pattern HASH_DIRECTIVE = directive("#");
  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_./-]*");
  /**
   * A comment whose first word starts with "kmodlint", in any case: a directive, or one
   * misspelt. Group 1: the first word; 2: what follows "kmodlint" in it; 3: the next word.
   */
  private static final Pattern C_MENTION = mention("(?://|/\\*)");
  private static final Pattern HASH_MENTION = mention("#");
  /** What a misspelt directive meant, squashed (no separators, lower case) for comparison. */
  private static final List<String> SQUASHED = List.of("disableline", "disablenextline", "disablefile", "disable");
  /** Other tools' words for a suppression: a comment starting with "kmodlint" and one of these meant one too. */
  private static final List<String> OTHER_WORDS = List.of("enable", "ignore", "noqa", "nolint", "suppress", "off");
  /** Every directive, and every misspelling of one this class notices, holds one of these. */
  private static final List<String> MARKERS = List.of("kmodlint", "KMODLINT", "Kmodlint", "KModLint");

  private SuppressionComments() {}

  private static Pattern directive(String commentStart) {
    // the IDs end where a character no ID list has appears: "*/", another "#" comment, a reason
    return Pattern.compile(commentStart + "[ \\t*]*kmodlint-disable-(next-line|line|file)\\b([\\w./, \\t-]*)");
  }

  private static Pattern mention(String commentStart) {
    return Pattern.compile(commentStart + "[ \\t*]*((?i:kmodlint)([\\w:-]*))(?:[ \\t]*([A-Za-z][\\w-]*))?");
  }

  private static boolean mentionsKmodlint(String text) {
    for (String marker : MARKERS) if (text.indexOf(marker) >= 0) return true;
    return false;
  }

  /** True when {@code bytes} may hold a directive: most files have none, and are not decoded for it. */
  public static boolean mayHold(byte[] bytes) {
    // a Latin-1 view of the bytes is a plain copy, and String.indexOf is vectorised
    return mentionsKmodlint(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /** The directives of a file's text, misspelt ones too, in text order; none for a binary file. */
  public static List<SuppressionDirective> of(SourceText source) {
    if (source.binary()) return List.of();
    String text = new String(source.chars());
    if (!mentionsKmodlint(text)) return List.of();
    Pattern p = isC(source.path()) ? C_DIRECTIVE : HASH_DIRECTIVE;
    List<SuppressionDirective> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      Scope scope = switch (m.group(1)) {
        case "line" -> Scope.LINE;
        case "next-line" -> Scope.NEXT_LINE;
        default -> Scope.FILE;
      };
      // as in ESLint, " -- " starts the reason for the suppression
      String ids = m.group(2);
      int reason = ids.indexOf("--");
      Matcher id = ID.matcher(reason >= 0 ? ids.substring(0, reason) : ids);
      boolean named = false;
      while (id.find()) {
        named = true;
        out.add(new SuppressionDirective(id.group(), scope, source.position(m.start(2) + id.start(), id.group().length())));
      }
      // kmodlint has no "every rule" suppression; an empty ID says so through meta/unknown-suppression
      if (!named) out.add(new SuppressionDirective("", scope, source.position(m.start(1), m.end(1) - m.start(1))));
    }
    misspelt(source, text, out);
    out.sort((a, b) -> a.position().compareTo(b.position()));
    return List.copyOf(out);
  }

  /** The directives of {@code bytes}, the content of {@code file}. */
  public static List<SuppressionDirective> of(Path file, byte[] bytes) {
    return mayHold(bytes) ? of(SourceText.of(file, bytes)) : List.of();
  }

  /**
   * Comments that start with what was meant as a directive but is none ({@code
   * kmodlint-disabel-next-line}, {@code kmodlint: disable}, {@code kmodlint-disable-nextline}):
   * silently ignored, they would leave the finding in place while the reader believes it
   * silenced. Kept as {@link Scope#MISSPELT} for meta/unknown-suppression to report. A comment
   * that only mentions kmodlint in prose ("kmodlint: see README") is left alone.
   */
  private static void misspelt(SourceText source, String text, List<SuppressionDirective> out) {
    Matcher m = (isC(source.path()) ? C_MENTION : HASH_MENTION).matcher(text);
    while (m.find()) {
      String first = m.group(1);
      if (SuppressionDirective.NAMES.stream().anyMatch(first::equals)) continue;
      String rest = m.group(2).replaceAll("^[-:_]+", "");
      int end = m.end(1);
      if (rest.isEmpty()) {
        if (m.group(3) == null) continue;
        rest = m.group(3);
        end = m.end(3);
      }
      String squashed = rest.toLowerCase(Locale.ROOT).replaceAll("[-_:]", "");
      boolean meant = OTHER_WORDS.stream().anyMatch(squashed::startsWith)
          || SQUASHED.stream().anyMatch(w -> EditDistance.of(squashed, w) <= 3)
          || squashed.startsWith("disab") || squashed.startsWith("disbl");
      if (!meant) continue;
      out.add(new SuppressionDirective(text.substring(m.start(1), end), Scope.MISSPELT,
          source.position(m.start(1), end - m.start(1))));
    }
  }

  static boolean isC(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".c") || name.endsWith(".h");
  }
}
