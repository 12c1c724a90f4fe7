package dev.kmodlint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package arrows kmodlint is built on, checked on the sources: every reference from one
 * package of {@code dev.kmodlint} to another (imports and fully qualified names alike) must be
 * one of the arrows below. A new arrow is a design decision: add it here, with the reason.
 */
class ArchitectureTest {
  /** Package -> the kmodlint packages it may use. Front-ends sit low, the engine and the CLI on top. */
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("model", Set.of()),
      Map.entry("text", Set.of("model")),
      // front-ends: each reads one kind of file into model data, and knows nothing of the others
      Map.entry("c", Set.of("model", "text")),
      Map.entry("kbuild", Set.of("model", "text")),
      Map.entry("kconfig", Set.of("model", "text")),
      Map.entry("deploy", Set.of("model", "text")),
      Map.entry("kernel", Set.of("model", "text")),
      // indexing a kernel: the C front-end's facts of its headers resolved against its exports, and
      // its sources' exports tied to the CONFIG_ symbols its Makefiles build them under
      Map.entry("index", Set.of("c", "kbuild", "kernel", "model", "text")),
      Map.entry("cache", Set.of("model", "text")),
      Map.entry("scan", Set.of("c", "cache", "kconfig", "model", "text")),
      Map.entry("compose", Set.of("deploy", "kbuild", "kconfig", "model", "scan", "text")),
      Map.entry("symbols", Set.of("kernel", "model")),
      // the API rules are written against; text for the edit distance of its suggestions, which the
      // reader of suppression comments shares (it tells a misspelt directive by it)
      Map.entry("rule", Set.of("kernel", "model", "symbols", "text")),
      Map.entry("report", Set.of("model", "rule")),
      Map.entry("sarif", Set.of("model", "report", "rule", "text")),
      Map.entry("config", Set.of("model", "report", "rule", "text")),
      Map.entry("engine", Set.of("c", "cache", "compose", "index", "kernel", "model", "report", "rule", "scan",
          "symbols", "text")),
      // what a long-lived process keeps between analyses: the engine's Resident, over the fact cache and kernel
      Map.entry("resident", Set.of("cache", "engine", "kernel", "model")),
      // kmodlint server's socket, protocol and lifetime; it runs checks through a handler the CLI gives it
      Map.entry("server", Set.of("report")),
      // kmodlint lsp: analyses as check runs them, of an editor's buffers, as LSP diagnostics
      Map.entry("lsp", Set.of("cache", "config", "engine", "kernel", "model", "report", "resident", "rule")),
      Map.entry("cli", Set.of("config", "engine", "index", "kernel", "lsp", "model", "report", "resident", "rule",
          "sarif", "server", "symbols", "text")),
      // rules read the model, never a parser
      Map.entry("rules", Set.of("deploy", "kernel", "model", "rule", "symbols")));

  private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.kmodlint\\.([a-z]+)\\.");

  @Test
  void packagesUseOnlyTheirArrows() throws IOException {
    Map<String, Set<String>> used = new TreeMap<>();
    for (Path root : List.of(Path.of("src/main/java/dev/kmodlint"), Path.of("../rules/src/main/java/dev/kmodlint"))) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String pkg = root.relativize(f).getName(0).toString();
          Matcher m = REFERENCE.matcher(code(f));
          while (m.find()) {
            if (!m.group(1).equals(pkg)) used.computeIfAbsent(pkg, k -> new TreeSet<>()).add(m.group(1));
          }
        }
      }
    }
    Set<String> wrong = new TreeSet<>();
    for (Map.Entry<String, Set<String>> e : used.entrySet()) {
      Set<String> allowed = ALLOWED.get(e.getKey());
      assertTrue(allowed != null, "package " + e.getKey() + " has no entry in ALLOWED");
      for (String to : e.getValue()) {
        String arrow = e.getKey() + " -> " + to;
        if (!allowed.contains(to)) wrong.add(arrow);
      }
    }
    assertEquals(Set.of(), wrong, "package arrows outside the design");
  }

  @Test
  void onlyTheCFrontEndSeesCdtAndTheModelSeesOnlyJava() throws IOException {
    Set<String> wrong = new TreeSet<>();
    Path root = Path.of("src/main/java/dev/kmodlint");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = root.relativize(f).getName(0).toString();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.startsWith("import ")) continue;
          if (line.contains("org.eclipse.cdt") && !pkg.equals("c")) wrong.add(f + ": " + line);
          if (pkg.equals("model") && !line.matches("import (static )?java\\..*")) wrong.add(f + ": " + line);
        }
      }
    }
    assertEquals(Set.of(), wrong);
  }

  /** The source without comments and string literals, so that prose naming a package does not count. */
  private static String code(Path f) throws IOException {
    String s = Files.readString(f, StandardCharsets.UTF_8);
    return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ").replaceAll("\"(?:[^\"\\\\\n]|\\\\.)*\"", "\"\"");
  }
}
