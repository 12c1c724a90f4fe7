package dev.kmodlint.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Who may use whom (issue 12): the C front-end reads C and knows no kernel database; the
 * kernel database reads its tables and knows no C; the command line reaches the C front-end
 * only through the index package, which alone joins the two; the model knows nothing else;
 * CDT stays inside the C front-end.
 */
class PackageDependencyTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/kmodlint");
  private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?([\\w.]+)");

  private record Use(String from, String file, String imported) {}

  private static List<Use> uses() throws IOException {
    List<Use> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(SOURCES)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
        String text = Files.readString(f, StandardCharsets.UTF_8);
        Matcher m = IMPORT.matcher(text);
        while (m.find()) out.add(new Use(pkg, f.getFileName().toString(), m.group(1)));
        // fully qualified uses in the code count too (not in comments, not the package line)
        String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
            .replaceAll("(?m)^(package|import) .*$", "");
        Matcher q = Pattern.compile("\\bdev\\.kmodlint\\.(\\w+)\\.[A-Z]").matcher(code);
        while (q.find()) out.add(new Use(pkg, f.getFileName().toString(), "dev.kmodlint." + q.group(1) + "."));
      }
    }
    assertTrue(out.size() > 100, "sources read from " + SOURCES.toAbsolutePath());
    return out;
  }

  private static List<String> violations(String from, String... forbidden) throws IOException {
    List<String> bad = new ArrayList<>();
    for (Use u : uses()) {
      if (!u.from().equals(from)) continue;
      for (String f : forbidden) if (u.imported().startsWith(f)) bad.add(u.from() + "/" + u.file() + " uses " + u.imported());
    }
    return bad;
  }

  @Test
  void theCFrontEndKnowsNoKernelDatabase() throws IOException {
    assertEquals(List.of(), violations("c", "dev.kmodlint.kernel.", "dev.kmodlint.index.", "dev.kmodlint.cli."));
  }

  @Test
  void theKernelDatabaseReadsNoC() throws IOException {
    assertEquals(List.of(), violations("kernel", "dev.kmodlint.c.", "dev.kmodlint.index.", "dev.kmodlint.kbuild.",
        "dev.kmodlint.cli.", "org.eclipse.cdt."));
  }

  @Test
  void theCommandLineReachesTheCFrontEndOnlyThroughTheIndexPackage() throws IOException {
    assertEquals(List.of(), violations("cli", "dev.kmodlint.c.", "org.eclipse.cdt."));
  }

  @Test
  void theModelKnowsNothingElseAndCdtStaysInTheCFrontEnd() throws IOException {
    List<String> bad = new ArrayList<>();
    for (Use u : uses()) {
      if (u.from().equals("model") && u.imported().startsWith("dev.kmodlint.") && !u.imported().startsWith("dev.kmodlint.model."))
        bad.add(u.file() + " uses " + u.imported());
      if (!u.from().equals("c") && u.imported().startsWith("org.eclipse.cdt."))
        bad.add(u.from() + "/" + u.file() + " uses " + u.imported());
    }
    assertEquals(List.of(), bad);
  }
}
