package dev.kmodlint.text;

import dev.kmodlint.model.SuppressionDirective;
import dev.kmodlint.model.SuppressionDirective.Scope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code kmodlint-disable-next-line ID}, {@code kmodlint-disable-line ID[, ID]} and
 * {@code kmodlint-disable-file ID} comments of one file: after {@code /*} or {@code //} in C
 * and after {@code #} in every other file (Makefile, Kbuild, Kconfig, dkms.conf, modprobe.d).
 * The comment syntax is told by the file name alone, so files that no front-end parses can
 * carry suppressions too. IDs are separated by commas or spaces, and {@code --} starts a
 * reason that is not read. Read where the file is read for its facts, so that no file is read
 * twice for them.
 */
public final class SuppressionComments {
  private static final Pattern C_DIRECTIVE = directive("(?://|/\\*)");
  private static final Pattern HASH_DIRECTIVE = directive("#");
  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_./-]*");
  private static final String MARKER = "kmodlint-disable";

  private SuppressionComments() {}

  private static Pattern directive(String commentStart) {
    // the IDs end where a character no ID list has appears: "*/", another "#" comment, a reason
    return Pattern.compile(commentStart + "[ \\t*]*kmodlint-disable-(next-line|line|file)\\b([\\w./, \\t-]*)");
  }

  /** True when {@code bytes} may hold a directive: most files have none, and are not decoded for it. */
  public static boolean mayHold(byte[] bytes) {
    // a Latin-1 view of the bytes is a plain copy, and String.indexOf is vectorised
    return new String(bytes, StandardCharsets.ISO_8859_1).contains(MARKER);
  }

  /** The directives of a file's text, in text order; none for a binary file. */
  public static List<SuppressionDirective> of(SourceText source) {
    if (source.binary()) return List.of();
    String text = new String(source.chars());
    if (!text.contains(MARKER)) return List.of();
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
    return List.copyOf(out);
  }

  /** The directives of {@code bytes}, the content of {@code file}. */
  public static List<SuppressionDirective> of(Path file, byte[] bytes) {
    return mayHold(bytes) ? of(SourceText.of(file, bytes)) : List.of();
  }

  static boolean isC(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".c") || name.endsWith(".h");
  }
}
