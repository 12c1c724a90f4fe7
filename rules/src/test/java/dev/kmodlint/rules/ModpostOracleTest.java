package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.engine.Analyzer;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.RuleDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kernel build is the judge: every corpus scenario marked {@code # oracle: build} is
 * built out of tree against Debian's kernel headers, and each modpost finding of a kind
 * kmodlint implements must be reported by kmodlint for the same module (and, for kinds with an
 * exact equivalent, kmodlint must not report a module modpost accepts). Prints the table.
 */
class ModpostOracleTest {
  /** modpost's messages (scripts/mod/modpost.c, 6.1) and the rule that covers each. */
  private record Kind(String ruleId, Pattern pattern, boolean exact) {}

  private static final List<Kind> KINDS = List.of(
      new Kind("license/missing", Pattern.compile("ERROR: modpost: missing MODULE_LICENSE\\(\\) in (\\S+)\\.o"), true),
      new Kind("metadata/description-missing", Pattern.compile("WARNING: modpost: missing MODULE_DESCRIPTION\\(\\) in (\\S+)\\.o"), false),
      new Kind("symbol/gpl-only", Pattern.compile("ERROR: modpost: GPL-incompatible module (\\S+)\\.ko uses GPL-only symbol"), true),
      new Kind("symbol/namespace-not-imported", Pattern.compile("ERROR: modpost: module (\\S+) uses symbol \\S+ from namespace"), true),
      new Kind("symbol/unresolved", Pattern.compile("ERROR: modpost: \"\\S+\" \\[(\\S+)\\.ko\\] undefined!"), true),
      new Kind("init/section-mismatch", Pattern.compile("WARNING: modpost: (\\S+?)(?:\\.o)?: section mismatch in reference"), false),
      new Kind("init/export-of-init", Pattern.compile("WARNING: modpost: (\\S+?)(?:\\.o)?: EXPORT_SYMBOL used for init/exit symbol"), false));

  @TempDir Path work;

  static Path kernelHeaders() {
    String env = System.getenv("KMODLINT_KDIR");
    if (env != null) return Path.of(env);
    try (Stream<Path> s = Files.list(Path.of("/usr/src"))) {
      // the series of the embedded kernel, whatever point release apt installed (6.12 may be there too)
      return s.filter(p -> p.getFileName().toString().matches("linux-headers-6\\.1\\.0-\\d+-amd64"))
          .filter(p -> Files.exists(p.resolve("Module.symvers"))).sorted().reduce((a, b) -> b).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  @Test
  void modpostFindingsAreReportedByKmodlint() throws Exception {
    Path kdir = kernelHeaders();
    if (kdir == null) {
      String why = "no kernel headers (apt-get install linux-headers-amd64): modpost oracle skipped";
      if ("1".equals(System.getenv("KMODLINT_REQUIRE_ORACLES"))) fail(why);
      Assumptions.abort(why);
    }
    RuleRegistry registry = RuleRegistry.discover();
    Set<String> implemented = Set.copyOf(registry.descriptors().stream().map(RuleDescriptor::id).toList());
    List<String> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int agree = 0;
    int cases = 0;
    for (Path dir : Corpus.cases()) {
      if (!buildable(dir)) continue;
      cases++;
      Path copy = work.resolve(dir.getFileName().toString());
      copyTree(dir, copy);
      List<String> beforeBuild = findingLines(new Analyzer(registry).analyze(AnalysisOptions.of(List.of(copy))));
      String log = build(kdir, copy);
      AnalysisResult r = new Analyzer(registry).analyze(AnalysisOptions.of(List.of(copy)));
      // the build's outputs (*.mod.c, .*.cmd, *.o, *.ko, modules.order, Module.symvers) change nothing
      List<String> afterBuild = findingLines(r);
      if (!afterBuild.equals(beforeBuild))
        problems.add(dir.getFileName() + ": after the build kmodlint reports " + afterBuild + " instead of " + beforeBuild);
      List<String[]> modpost = new ArrayList<>(); // {rule, module}
      for (String line : log.split("\n")) {
        for (Kind k : KINDS) {
          Matcher m = k.pattern().matcher(line);
          if (m.find()) modpost.add(new String[] {k.ruleId(), Path.of(m.group(1)).getFileName().toString()});
        }
      }
      for (String[] mp : modpost) {
        boolean impl = implemented.contains(mp[0]);
        boolean found = impl && reported(r, mp[0], mp[1]);
        if (found) agree++;
        if (impl && !found) problems.add(dir.getFileName() + ": modpost reports " + mp[0] + " for " + mp[1] + ", kmodlint does not");
        rows.add(String.format("%-28s %-14s %-30s %s", dir.getFileName(), mp[1], mp[0],
            !impl ? "not implemented yet" : found ? "agree" : "MISSED"));
      }
      for (Kind k : KINDS) {
        if (!k.exact() || !implemented.contains(k.ruleId())) continue;
        for (Module m : r.project().modules()) {
          boolean ours = reported(r, k.ruleId(), m.name());
          boolean theirs = modpost.stream().anyMatch(mp -> mp[0].equals(k.ruleId()) && mp[1].equals(m.name()));
          if (ours && !theirs) {
            problems.add(dir.getFileName() + ": kmodlint reports " + k.ruleId() + " for " + m.name() + ", modpost does not");
            rows.add(String.format("%-28s %-14s %-30s %s", dir.getFileName(), m.name(), k.ruleId(), "FALSE POSITIVE"));
          }
        }
      }
      compileErrors(dir, copy, log, r, rows, problems);
      symbolSets(dir, log, r, rows, problems);
      assertTrue(log.contains("MODPOST") || log.contains("error:"),
          dir.getFileName() + ": the kernel build did not run:\n" + log);
    }
    StringBuilder sb = new StringBuilder("\nmodpost oracle (" + kdir.getFileName() + "), " + cases + " buildable scenarios\n");
    sb.append(String.format("%-28s %-14s %-30s %s%n", "scenario", "module", "finding", "kmodlint"));
    rows.forEach(row -> sb.append(row).append('\n'));
    sb.append(agree).append(" modpost findings of implemented kinds, all reported by kmodlint: ")
        .append(problems.isEmpty()).append('\n');
    System.out.println(sb);
    assertTrue(cases > 0, "no corpus scenario is marked '# oracle: build'");
    if (!problems.isEmpty()) fail(String.join("\n", problems));
  }

  private static List<String> findingLines(AnalysisResult r) {
    return r.findings().stream().map(f -> f.ruleId() + " " + f.level() + " " + f.position() + " " + f.message()).toList();
  }

  /** Rules whose error-level findings the compiler also rejects (unless the message says it builds). */
  private static final Set<String> BUILD_ERROR_RULES = Set.of("param/world-writable", "param/invalid-permission",
      "param/non-octal-permission", "param/type-mismatch", "param/undeclared-variable", "param/unknown-type",
      "param/bad-hw-type", "param/duplicate", "init/bad-signature", "init/duplicate-entry", "init/section-conflict");
  private static final Pattern GCC = Pattern.compile("^(\\S+\\.c):(\\d+):\\d+: (error|warning|note): (.*)$");

  /**
   * gcc's errors on the scenario's own lines (directly, or through "in expansion of macro"
   * notes under an error) must each be an error-level kmodlint finding on that line; and
   * kmodlint's build-error findings must each be a line the compiler rejected, unless the
   * finding itself says the code builds (a signedness slip, decimal 444).
   */
  private static void compileErrors(Path dir, Path copy, String log, AnalysisResult r, List<String> rows,
      List<String> problems) {
    Set<String> rejected = new java.util.TreeSet<>();
    // inside an error's chain of "in expansion of macro" notes; a note of another kind
    // ("previous definition was here") starts a chain that is not the error's
    boolean errorChain = false;
    for (String line : log.split("\n")) {
      Matcher m = GCC.matcher(line);
      if (!m.matches()) {
        if (line.contains(": error: ")) errorChain = true;
        else if (line.contains(": warning: ") || line.contains(": note: ") && !macroNote(line)) errorChain = false;
        continue;
      }
      if (m.group(3).equals("error")) errorChain = true;
      else if (m.group(3).equals("warning")) errorChain = false;
      else if (!macroNote(m.group(4))) errorChain = false;
      boolean direct = m.group(3).equals("error");
      Path file = Path.of(m.group(1));
      if ((direct || errorChain) && file.startsWith(copy))
        rejected.add(copy.relativize(file) + ":" + m.group(2));
    }
    Set<String> ours = new java.util.TreeSet<>();
    for (Finding f : r.findings()) {
      if (f.level() != dev.kmodlint.model.Level.ERROR || !f.position().file().startsWith(copy)) continue;
      String at = copy.relativize(f.position().file()) + ":" + f.position().line();
      ours.add(at);
      if (!BUILD_ERROR_RULES.contains(f.ruleId())) continue;
      boolean builds = f.message().contains("it builds as");
      if (rejected.contains(at)) {
        rows.add(String.format("%-28s %-14s %-30s %s", dir.getFileName(), at, f.ruleId(), "agree (build error)"));
      } else if (builds) {
        rows.add(String.format("%-28s %-14s %-30s %s", dir.getFileName(), at, f.ruleId(), "beyond the build (it builds)"));
      } else {
        rows.add(String.format("%-28s %-14s %-30s %s", dir.getFileName(), at, f.ruleId(), "FALSE POSITIVE"));
        problems.add(dir.getFileName() + ": kmodlint reports " + f.ruleId() + " at " + at + ", the compiler accepts it");
      }
    }
    for (String at : rejected) {
      if (!ours.contains(at)) {
        rows.add(String.format("%-28s %-14s %-30s %s", dir.getFileName(), at, "compile error", "MISSED"));
        problems.add(dir.getFileName() + ": the compiler rejects " + at + ", kmodlint reports no error there");
      }
    }
  }

  /** modpost's message and kmodlint's, each giving {module, symbol}. */
  private record SymbolKind(String ruleId, Pattern modpost, Pattern ours) {}

  private static final List<SymbolKind> SYMBOL_KINDS = List.of(
      new SymbolKind("symbol/gpl-only",
          Pattern.compile("GPL-incompatible module (?:\\S*/)?(\\S+)\\.ko uses GPL-only symbol '(\\S+)'"),
          Pattern.compile("^module (\\S+) \\(MODULE_LICENSE.* uses GPL-only symbol (\\w+)")),
      new SymbolKind("symbol/unresolved",
          Pattern.compile("ERROR: modpost: \"(\\S+)\" \\[(?:\\S*/)?(\\S+)\\.ko\\] undefined!"),
          Pattern.compile("modpost: \"(\\S+)\" \\[(\\S+)\\.ko\\] undefined!")),
      new SymbolKind("symbol/namespace-not-imported",
          Pattern.compile("module (\\S+) uses symbol (\\S+) from namespace \\S+, but does not import it"),
          Pattern.compile("^module (\\S+) uses symbol (\\w+)")));

  /**
   * For the symbol kinds the comparison is exact per symbol: the set of (module, symbol)
   * modpost prints equals the set kmodlint reports.
   */
  private static void symbolSets(Path dir, String log, AnalysisResult r, List<String> rows, List<String> problems) {
    for (SymbolKind k : SYMBOL_KINDS) {
      Set<String> theirs = new java.util.TreeSet<>();
      for (String line : log.split("\n")) {
        Matcher m = k.modpost().matcher(line);
        if (m.find()) theirs.add(k.ruleId().equals("symbol/unresolved") ? m.group(2) + ":" + m.group(1)
            : m.group(1) + ":" + m.group(2));
      }
      Set<String> ours = new java.util.TreeSet<>();
      for (Finding f : r.findings()) {
        if (!f.ruleId().equals(k.ruleId())) continue;
        Matcher m = k.ours().matcher(f.message());
        if (m.find()) ours.add(k.ruleId().equals("symbol/unresolved") ? m.group(2) + ":" + m.group(1)
            : m.group(1) + ":" + m.group(2));
      }
      Set<String> all = new java.util.TreeSet<>(theirs);
      all.addAll(ours);
      for (String ms : all) {
        boolean t = theirs.contains(ms), o = ours.contains(ms);
        rows.add(String.format("%-28s %-30s %-30s %s", dir.getFileName(), ms, k.ruleId(),
            t && o ? "agree (symbol)" : t ? "MISSED (symbol)" : "FALSE POSITIVE (symbol)"));
        if (t != o) problems.add(dir.getFileName() + ": " + k.ruleId() + " " + ms + (t ? " reported by modpost only"
            : " reported by kmodlint only"));
      }
    }
  }

  private static boolean macroNote(String text) {
    return text.contains("in expansion of macro") || text.contains("in definition of macro");
  }

  private static boolean reported(AnalysisResult r, String ruleId, String module) {
    for (Module m : r.project().modules()) {
      if (!m.name().equals(module)) continue;
      // its sources and the local headers they include: a header's inline function is compiled into the module
      Set<Path> files = new java.util.HashSet<>();
      for (SourceFile sf : m.sources()) {
        files.add(sf.path());
        files.addAll(sf.localIncludes());
      }
      for (Finding f : r.findings())
        if (f.ruleId().equals(ruleId) && (files.contains(f.position().file()) || f.position().equals(m.anchor())))
          return true;
    }
    return false;
  }

  static boolean buildable(Path dir) throws IOException {
    for (String name : List.of("Kbuild", "Makefile")) {
      Path f = dir.resolve(name);
      if (Files.isRegularFile(f) && Files.readString(f, StandardCharsets.ISO_8859_1).contains("# oracle: build")) return true;
    }
    return false;
  }

  private static String build(Path kdir, Path dir) throws Exception {
    return KernelBuild.make(kdir, dir).log();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
