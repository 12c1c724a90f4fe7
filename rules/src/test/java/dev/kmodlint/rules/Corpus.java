package dev.kmodlint.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The scenarios under {@code test-corpus/} and the annotations in their files. */
final class Corpus {
  static final Path ROOT = Path.of(System.getProperty("kmodlint.root", "..")).toAbsolutePath().normalize();
  static final Path DIR = ROOT.resolve("test-corpus");

  private static final Pattern ANNOTATION = Pattern.compile(
      "(?:/\\*|//|#)\\s*(expect|ok|expect-notification)(-below)?:\\s*([a-z0-9/_,\\s-]+?)\\s*(?:\\*/|$)");
  /** A line that is only a comment: where a {@code -below} annotation does not land. */
  private static final Pattern COMMENT_LINE = Pattern.compile("\\s*(#|//|/\\*).*");

  enum Kind { EXPECT, OK, NOTIFICATION }

  /** One annotation: {@code file} relative to the case directory, 1-based line. */
  record Annotation(Kind kind, String id, String file, int line) {}

  static List<Path> cases() {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of scenario {@code name} at {@code to}, for tests that edit the files. */
  static Path copy(String name, Path to) throws IOException {
    Path source = DIR.resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(source.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
    return to;
  }

  static List<Annotation> annotations(Path caseDir) throws IOException {
    List<Annotation> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(caseDir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher m = ANNOTATION.matcher(lines[i]);
        while (m.find()) {
          Kind kind = switch (m.group(1)) {
            case "expect" -> Kind.EXPECT;
            case "ok" -> Kind.OK;
            default -> Kind.NOTIFICATION;
          };
          int line = m.group(2) == null ? i + 1 : below(lines, i);
          for (String id : m.group(3).split(",")) {
            if (!id.isBlank())
              out.add(new Annotation(kind, id.strip(), caseDir.relativize(f).toString(), line));
          }
        }
      }
    }
    return out;
  }

  /**
   * {@code # expect-below: id} annotates the next line that is not a comment: for formats where
   * a trailing comment would change the line (modprobe.d hands the rest of an options line to
   * the kernel, '#' included).
   */
  private static int below(String[] lines, int i) {
    int j = i + 1;
    while (j < lines.length && COMMENT_LINE.matcher(lines[j]).matches()) j++;
    return j + 1;
  }
}
