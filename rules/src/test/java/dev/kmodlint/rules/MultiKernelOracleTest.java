package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kmodlint.engine.KernelTarget;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.model.Level;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real build against each kernel is the judge of a run against several: every corpus
 * scenario marked {@code # oracle: kernels} is built out of tree against the installed Debian
 * headers of each kernel its {@code # kernels:} line names (the newest point release of the
 * series apt installed, found by pattern), and kmodlint, run with those kernels
 * ({@code --kernel 6.1,6.12}), must report an error on exactly the kernels where the build
 * fails (a compiler error or a modpost ERROR) and on none where it succeeds. The scenario of
 * allocations that moved behind macros in 6.12 must give no finding at all. Prints the table.
 */
class MultiKernelOracleTest {
  /** Debian's amd64 headers of each series the corpus names, as a pattern of their directory under /usr/src. */
  private static final Map<String, Pattern> HEADERS = Map.of(
      "6.1", Pattern.compile("linux-headers-6\\.1\\.0-(\\d+)-amd64"),
      "6.12", Pattern.compile("linux-headers-6\\.12\\.(\\d+)\\+deb12-amd64"));
  /** The control of the issue: vmalloc, kmemdup and strscpy build on both, whatever 6.12's exports say. */
  private static final String NO_FINDINGS = "kernels-alloc";

  @TempDir Path work;

  /** The newest installed headers of {@code series} with a Module.symvers, when there are some. */
  static Optional<Path> headers(String series) {
    Pattern p = HEADERS.get(series);
    if (p == null) return Optional.empty();
    try (Stream<Path> s = Files.list(Path.of("/usr/src"))) {
      return s.filter(d -> p.matcher(d.getFileName().toString()).matches())
          .filter(d -> Files.isRegularFile(d.resolve("Module.symvers")))
          .max(Comparator.comparingInt(d -> {
            var m = p.matcher(d.getFileName().toString());
            return m.matches() ? Integer.parseInt(m.group(1)) : -1;
          }));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static boolean multiKernelOracle(Path dir) throws IOException {
    Path kbuild = dir.resolve("Kbuild");
    return Files.isRegularFile(kbuild) && Files.readString(kbuild, StandardCharsets.ISO_8859_1).contains("# oracle: kernels");
  }

  @Test
  void theBuildFailsOnExactlyTheKernelsKmodlintReports() throws Exception {
    List<Path> scenarios = new ArrayList<>();
    for (Path dir : Corpus.cases()) if (multiKernelOracle(dir)) scenarios.add(dir);
    assertTrue(scenarios.size() >= 9, "too few scenarios are marked '# oracle: kernels': " + scenarios);
    Map<String, Path> kdirs = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Path dir : scenarios)
      for (KernelTarget k : Corpus.kernels(dir)) {
        String series = ((KernelTarget.Embedded) k).name();
        if (kdirs.containsKey(series)) continue;
        Optional<Path> h = headers(series);
        if (h.isPresent()) kdirs.put(series, h.get());
        else if (!missing.contains(series)) missing.add(series);
      }
    if (!missing.isEmpty()) {
      String why = "no Debian headers of " + String.join(", ", missing) + " in /usr/src (apt-get install"
          + " linux-headers-amd64, and linux-headers-6.12.*+deb12-amd64): the multi-kernel oracle is skipped";
      if ("1".equals(System.getenv("KMODLINT_REQUIRE_ORACLES"))) fail(why);
      Assumptions.abort(why);
    }

    RuleRegistry registry = RuleRegistry.discover();
    List<String> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path dir : scenarios) {
      String name = dir.getFileName().toString();
      List<String> kernels = Corpus.kernels(dir).stream().map(k -> ((KernelTarget.Embedded) k).name()).toList();
      Set<String> failing = new TreeSet<>();
      StringBuilder logs = new StringBuilder();
      for (String k : kernels) {
        Path copy = work.resolve(name + "-" + k);
        copyTree(dir, copy);
        Build b = build(kdirs.get(k), copy);
        if (!b.ran()) problems.add(name + ": the build against " + kdirs.get(k).getFileName() + " did not run:\n" + b.log());
        if (b.failed()) {
          failing.add(k);
          logs.append("  ").append(k).append(": ").append(b.firstError()).append('\n');
        }
      }
      AnalysisResult r = Corpus.analyze(registry, dir);
      Set<String> reported = new TreeSet<>();
      for (Finding f : r.findings())
        if (f.level() == Level.ERROR) reported.addAll(f.kernels().isEmpty() ? kernels : f.kernels());
      boolean agree = failing.equals(reported);
      rows.add(String.format("%-34s %-16s %-16s %s", name, show(failing), show(reported), agree ? "agree" : "DISAGREE"));
      if (!agree)
        problems.add(name + ": the build fails on " + show(failing) + ", kmodlint reports errors on " + show(reported)
            + "\n" + logs + "  kmodlint: " + r.findings().stream().filter(f -> f.level() == Level.ERROR)
            .map(f -> f.ruleId() + " " + f.qualifiedMessage()).toList());
      if (name.equals(NO_FINDINGS) && !r.findings().isEmpty())
        problems.add(name + ": builds on every kernel and must give no finding at all, gives " + r.findings().stream()
            .map(f -> f.ruleId() + " " + f.qualifiedMessage()).toList());
    }
    StringBuilder sb = new StringBuilder("\nmulti-kernel oracle (");
    kdirs.forEach((k, d) -> sb.append(k).append(" = ").append(d.getFileName()).append("; "));
    sb.setLength(sb.length() - 2);
    sb.append("), ").append(scenarios.size()).append(" scenarios\n");
    sb.append(String.format("%-34s %-16s %-16s %s%n", "scenario", "build fails on", "kmodlint reports", ""));
    rows.forEach(row -> sb.append(row).append('\n'));
    System.out.println(sb);
    assertTrue(scenarios.stream().anyMatch(d -> d.getFileName().toString().equals(NO_FINDINGS)),
        "the control scenario " + NO_FINDINGS + " is not marked '# oracle: kernels'");
    if (!problems.isEmpty()) fail(String.join("\n", problems));
  }

  private static String show(Set<String> kernels) {
    return kernels.isEmpty() ? "none" : String.join(",", kernels);
  }

  /** What a build said: whether make ran at all, whether it failed, its first error line. */
  private record Build(boolean ran, boolean failed, String firstError, String log) {}

  private static final Pattern ERROR = Pattern.compile("(?m)^.*(?:: error: |ERROR: modpost: |Error: ).*$");

  private static Build build(Path kdir, Path dir) throws Exception {
    KernelBuild.Result made = KernelBuild.make(kdir, dir);
    String log = made.log();
    var m = ERROR.matcher(log);
    String first = m.find() ? m.group().strip() : (made.exitValue() != 0 ? "make exited " + made.exitValue() : "");
    boolean failed = made.exitValue() != 0 || m.reset().find();
    boolean ran = log.contains("MODPOST") || log.contains("CC [M]") || log.contains("error");
    return new Build(ran, failed, first, log);
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
