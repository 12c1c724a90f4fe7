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

  /** One item of an annotation: an ID, for findings a column ({@code @26}), and a message fragment ({@code "0666"}). */
  private static final String ITEM = "[a-z0-9_-]+(?:/[a-z0-9-]+)?(?:@\\d+)?(?:\\s+\"[^\"]*\")?";
  private static final Pattern ANNOTATION = Pattern.compile(
      "(?:/\\*|//|#)\\s*(expect-notification|expect|todo-ok|todo|ok)(-below)?:\\s*(" + ITEM + "(?:\\s*,\\s*" + ITEM
          + ")*)\\s*(?:\\*/|$)");
  private static final Pattern PART = Pattern.compile("([a-z0-9_-]+(?:/[a-z0-9-]+)?)(?:@(\\d+))?(?:\\s+\"([^\"]*)\")?");
  /** What looks like an annotation: one that does not parse is an error, not a silent no-op. */
  private static final Pattern LOOKS_LIKE = Pattern.compile(
      "(?:/\\*|//|#)\\s*(?:expect-notification|expect|todo-ok|todo|ok)(?:-below)?:");
  /** A line that is only a comment: where a {@code -below} annotation does not land. */
  private static final Pattern COMMENT_LINE = Pattern.compile("\\s*(#|//|/\\*).*");

  /**
   * {@code expect:} a finding that must be reported here, at {@code @COL}; {@code ok:} none may be;
   * {@code todo:} a known miss (must fire, does not yet); {@code todo-ok:} a known false positive
   * (fires, must not); {@code expect-notification:} a notification of the run.
   */
  enum Kind { EXPECT, OK, TODO, TODO_OK, NOTIFICATION }

  /**
   * One annotation: {@code file} relative to the case directory, 1-based line; {@code column}
   * 0 when none is given; {@code fragment} empty when none is given.
   */
  record Annotation(Kind kind, String id, String file, int line, int column, String fragment) {
    String where() {
      return file + ":" + line + (column > 0 ? ":" + column : "");
    }
  }

  /** Text that looks like an annotation but does not parse as one. */
  record Malformed(String file, int line, String text) {}

  private static final Pattern KERNELS = Pattern.compile("(?m)^#\\s*kernels:\\s*(\\S+)\\s*$");

  /** A copy of {@code from} (the corpus, for tests that edit it) at {@code to}. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(target);
        else Files.copy(f, target);
      }
    }
  }

  /**
   * The kernels a scenario is checked against: {@code # kernels: 6.1,6.12} in its top Kbuild
   * or Makefile (each kernel in a pass of its own, findings merged); empty: the default kernel.
   */
  static List<dev.kmodlint.engine.KernelTarget> kernels(Path caseDir) throws IOException {
    for (String name : List.of("Kbuild", "Makefile")) {
      Path f = caseDir.resolve(name);
      if (!Files.isRegularFile(f)) continue;
      Matcher m = KERNELS.matcher(Files.readString(f, StandardCharsets.ISO_8859_1));
      if (!m.find()) continue;
      List<dev.kmodlint.engine.KernelTarget> out = new ArrayList<>();
      for (String k : m.group(1).split(",")) out.add(new dev.kmodlint.engine.KernelTarget.Embedded(k.strip()));
      return out;
    }
    return List.of();
  }

  /** The analysis of a scenario as CorpusTest runs it: against its kernels ({@link #kernels}). */
  static dev.kmodlint.report.AnalysisResult analyze(dev.kmodlint.engine.RuleRegistry registry, Path caseDir)
      throws IOException {
    return new dev.kmodlint.engine.MultiKernelAnalyzer(registry).analyze(
        dev.kmodlint.engine.AnalysisOptions.of(List.of(caseDir)).withKernels(kernels(caseDir)));
  }

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
    return read(caseDir, new ArrayList<>());
  }

  /** Comments of the case that look like annotations and are none. */
  static List<Malformed> malformed(Path caseDir) throws IOException {
    List<Malformed> out = new ArrayList<>();
    read(caseDir, out);
    return out;
  }

  private static List<Annotation> read(Path caseDir, List<Malformed> malformed) throws IOException {
    List<Annotation> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(caseDir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      String[] lines = text.split("\n", -1);
      String rel = caseDir.relativize(f).toString();
      for (int i = 0; i < lines.length; i++) {
        Matcher m = ANNOTATION.matcher(lines[i]);
        int parsed = 0;
        while (m.find()) {
          parsed++;
          Kind kind = switch (m.group(1)) {
            case "expect" -> Kind.EXPECT;
            case "ok" -> Kind.OK;
            case "todo" -> Kind.TODO;
            case "todo-ok" -> Kind.TODO_OK;
            default -> Kind.NOTIFICATION;
          };
          int line = m.group(2) == null ? i + 1 : below(lines, i);
          Matcher part = PART.matcher(m.group(3));
          while (part.find()) {
            int column = part.group(2) == null ? 0 : Integer.parseInt(part.group(2));
            String fragment = part.group(3) == null ? "" : part.group(3);
            out.add(new Annotation(kind, part.group(1), rel, line, column, fragment));
          }
        }
        Matcher loose = LOOKS_LIKE.matcher(lines[i]);
        int seen = 0;
        while (loose.find()) seen++;
        if (seen > parsed) malformed.add(new Malformed(rel, i + 1, lines[i].strip()));
      }
    }
    return out;
  }

  /**
   * {@code # expect-below: id@col} annotates the next line that is not a comment: for formats where
   * a trailing comment would change the line (modprobe.d hands the rest of an options line to
   * the kernel, '#' included).
   */
  private static int below(String[] lines, int i) {
    int j = i + 1;
    while (j < lines.length && COMMENT_LINE.matcher(lines[j]).matches()) j++;
    return j + 1;
  }
}
