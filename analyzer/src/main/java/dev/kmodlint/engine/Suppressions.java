package dev.kmodlint.engine;

import dev.kmodlint.model.SuppressionDirective.Scope;
import dev.kmodlint.model.SuppressionDirective;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.text.SourceText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * In-source suppressions, read from the comments of the file a finding is in:
 * {@code kmodlint-disable-next-line ID}, {@code kmodlint-disable-line ID[, ID]} and
 * {@code kmodlint-disable-file ID}, after {@code /*} or {@code //} in C and after {@code #}
 * in every other file (Makefile, Kbuild, Kconfig, dkms.conf, modprobe.d). The comment syntax
 * is told by the file name alone, so files that no front-end parses can carry suppressions
 * too. An ID is a rule ID or a family ({@code param} covers every {@code param/*} rule);
 * IDs are separated by commas or spaces, and {@code --} starts a reason that is not read.
 */
public final class Suppressions {
  private static final Pattern C_DIRECTIVE = directive("(?://|/\\*)");
  private static final Pattern HASH_DIRECTIVE = directive("#");
  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_./-]*");

  private static Pattern directive(String commentStart) {
    // the IDs end where a character no ID list has appears: "*/", another "#" comment, a reason
    return Pattern.compile(commentStart + "[ \\t*]*kmodlint-disable-(next-line|line|file)\\b([\\w./, \\t-]*)");
  }

  private static final String MARKER = "kmodlint-disable";

  private final Map<Path, List<SuppressionDirective>> byFile = new HashMap<>();

  private Suppressions() {}

  /**
   * Reads the directives of {@code files}. A file that cannot be read has none: the run has
   * already said it could not read it when it tried to analyze it.
   */
  static Suppressions read(Collection<Path> files) {
    Suppressions s = new Suppressions();
    // a kernel tree is ~1 GB of text: read on all cores
    s.byFile.putAll(files.parallelStream().map(f -> f.toAbsolutePath().normalize()).distinct()
        .collect(Collectors.toConcurrentMap(f -> f, Suppressions::readDirectives)));
    return s;
  }

  /** Every directive read so far, in file and line order. */
  public List<SuppressionDirective> directives() {
    List<SuppressionDirective> all = new ArrayList<>();
    byFile.values().forEach(all::addAll);
    all.sort((a, b) -> a.position().compareTo(b.position()));
    return all;
  }

  /** The directive that suppresses {@code f}, if any; files not read yet are read now. */
  Optional<SuppressionDirective> suppressing(Finding f) {
    for (SuppressionDirective d : directivesOf(f.position().file())) {
      if (d.covers(f.ruleId()) && d.appliesTo(f.position().line())) return Optional.of(d);
    }
    return Optional.empty();
  }

  private List<SuppressionDirective> directivesOf(Path file) {
    Path key = file.toAbsolutePath().normalize();
    return byFile.computeIfAbsent(key, Suppressions::readDirectives);
  }

  private static List<SuppressionDirective> readDirectives(Path file) {
    try {
      // most files have no directive: look for the bytes before decoding a whole tree twice
      byte[] bytes = dev.kmodlint.text.BoundedReader.read(file, SourceText.MAX_BYTES);
      // (a Latin-1 view of the bytes is a plain copy, and String.indexOf is vectorised)
      if (new String(bytes, StandardCharsets.ISO_8859_1).indexOf(MARKER) < 0) return List.of();
      SourceText text = SourceText.of(file, bytes);
      return text.binary() ? List.of() : parse(text);
    } catch (IOException | SecurityException e) {
      return List.of();
    }
  }

  /** The directives of one file's text; public for tests and for tools that lint a buffer. */
  public static List<SuppressionDirective> parse(Path file, String text) {
    return parse(SourceText.of(file, text));
  }

  private static List<SuppressionDirective> parse(SourceText source) {
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
    return out;
  }

  static boolean isC(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".c") || name.endsWith(".h");
  }
}
