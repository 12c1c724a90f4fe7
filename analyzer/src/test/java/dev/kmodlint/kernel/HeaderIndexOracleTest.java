package dev.kmodlint.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.engine.Analyzer;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.model.Module;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.symbols.SymbolResolution;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded header index against the real thing: modules using common kernel APIs are
 * analyzed the way a run analyzes them ({@link Analyzer}, then {@link SymbolResolution}, which
 * the symbol rules read), then built with kbuild, and every symbol their .ko leaves undefined
 * must be one the analysis says the module needs. Extra predictions (both sides of a
 * {@code __builtin_constant_p}, say) are printed, not failed: the index over-approximates.
 */
class HeaderIndexOracleTest {
  /** A module and its source. */
  private record Case(String module, String resource) {}

  private static final List<Case> CASES = List.of(new Case("apis", "header-oracle.c"), new Case("apis2", "header-oracle-2.c"));
  /** What the compiler adds on its own (ftrace, stack protector, retpolines, builtins). */
  private static final Pattern COMPILER = Pattern.compile(
      "__fentry__|__stack_chk_fail|__x86_return_thunk|__x86_indirect_(?:call_)?thunk_\\w+|mem(?:cpy|set|move|cmp)"
      + "|__(?:ubsan|asan|kasan|tsan|sanitizer|gcov)_\\w+");

  @TempDir Path work;

  @Test
  void everySymbolTheBuiltModulesNeedIsPredicted() throws Exception {
    Path kdir = kernelHeaders();
    StringBuilder kbuild = new StringBuilder();
    for (Case c : CASES) {
      kbuild.append("obj-m += ").append(c.module()).append(".o\n");
      try (InputStream in = getClass().getResourceAsStream(c.resource())) {
        Files.write(work.resolve(c.module() + ".c"), in.readAllBytes());
      }
    }
    Files.writeString(work.resolve("Kbuild"), kbuild);
    // the analysis first: the build leaves *.mod.c files behind, which a scan would read
    AnalysisOptions options = AnalysisOptions.of(List.of(work));
    AnalysisResult analysis = new Analyzer(RuleRegistry.of(List.of())).analyze(options);
    KernelDatabase kernel = Analyzer.kernelDatabase(options, new java.util.ArrayList<>()); // the run's: the embedded one
    SymbolResolution symbols = SymbolResolution.of(analysis.project(), kernel);
    String log = run(work, "make", "-C", kdir.toString(), "M=" + work, "modules");
    Set<String> missed = new TreeSet<>();
    for (Case c : CASES) {
      Path ko = work.resolve(c.module() + ".ko");
      assertTrue(Files.isRegularFile(ko), "the kernel build failed:\n" + log);
      Set<String> undefined = new TreeSet<>();
      for (String line : run(work, "nm", "-u", ko.toString()).split("\n")) {
        String sym = line.strip().replaceFirst("^U\\s+", "");
        if (!sym.isEmpty() && !COMPILER.matcher(sym).matches()) undefined.add(sym);
      }
      Module module = analysis.project().modules().stream().filter(m -> m.name().equals(c.module())).findFirst()
          .orElseThrow(() -> new AssertionError("the analysis composed no module " + c.module() + ": "
              + analysis.project().modules()));
      Set<String> predicted = new TreeSet<>();
      for (SymbolResolution.Need n : symbols.needs(module)) predicted.add(n.symbol());
      Set<String> notPredicted = new TreeSet<>(undefined);
      notPredicted.removeAll(predicted);
      Set<String> extra = new TreeSet<>(predicted);
      extra.removeAll(undefined);
      System.out.printf("header index oracle, %s: %d undefined symbols in the .ko, %d predicted, %d missed %s,"
          + " %d predicted but not referenced %s%n", c.module(), undefined.size(), predicted.size(),
          notPredicted.size(), notPredicted, extra.size(), extra);
      assertTrue(undefined.size() > 30, c.module() + " should need many kernel symbols: " + undefined);
      notPredicted.forEach(sym -> missed.add(c.module() + ": " + sym));
    }
    assertEquals(Set.of(), missed, "undefined in the .ko but not among the needs the analysis computes");
  }

  /**
   * The installed headers are whatever point release apt serves today (6.1.0-57, then -58...):
   * the embedded kernel must be of the same series, differ from it only by point-release drift,
   * and lend it its header index until {@code kmodlint index} makes one for it.
   */
  @Test
  void theInstalledDebianHeadersAreOfTheEmbeddedSeries(@TempDir Path cache) throws Exception {
    Path kdir = kernelHeaders();
    String uts = KernelDatabase.utsRelease(kdir).orElseThrow();
    String embedded = HeaderIndex.embedded().release();
    assertTrue(KernelDatabase.sameSeries(embedded, uts), "embedded " + embedded + ", installed " + uts);
    KernelDatabase db = KernelDatabase.buildDirectory(kdir, cache, KernelExports.empty(""));
    Set<String> installed = db.exports().symbols();
    Set<String> built = KernelExports.embedded().symbols();
    Set<String> onlyInstalled = new TreeSet<>(installed);
    onlyInstalled.removeAll(built);
    Set<String> onlyEmbedded = new TreeSet<>(built);
    onlyEmbedded.removeAll(installed);
    System.out.printf("installed %s: %d exports, embedded %s: %d; %d only installed, %d only embedded%n", uts,
        installed.size(), embedded, built.size(), onlyInstalled.size(), onlyEmbedded.size());
    // a stable point release adds or drops a handful of exports; another series, thousands
    assertTrue(onlyInstalled.size() + onlyEmbedded.size() <= built.size() / 100,
        "more than point-release drift: only installed " + onlyInstalled + ", only embedded " + onlyEmbedded);
    assertEquals(Set.of("i2c_register_driver"), db.exportsUsedBy("i2c_add_driver"), "the embedded index serves it");
    assertTrue(db.notifications().stream().noneMatch(n -> n.id().equals("kernel-header-index-missing")),
        db.notifications().toString());
    assertEquals(!uts.equals(embedded),
        db.notifications().stream().anyMatch(n -> n.id().equals("kernel-header-index-substituted")),
        db.notifications().toString());
  }

  private static Path kernelHeaders() throws IOException {
    Path found = null;
    if (Files.isDirectory(Path.of("/usr/src"))) {
      try (Stream<Path> s = Files.list(Path.of("/usr/src"))) {
        found = s.filter(p -> p.getFileName().toString().matches("linux-headers-6\\.1\\.0-\\d+-amd64"))
            .filter(p -> Files.isRegularFile(p.resolve("Module.symvers"))).sorted().reduce((a, b) -> b).orElse(null);
      }
    }
    String why = found == null ? "no /usr/src/linux-headers-6.1.0-*-amd64 (Debian's linux-headers-amd64)"
        : !onPath("make") || !onPath("gcc") || !onPath("nm") ? "make, gcc or nm missing" : null;
    if (why != null) {
      why += ": header index oracle not run";
      if ("1".equals(System.getenv("KMODLINT_REQUIRE_ORACLES"))) fail(why);
      Assumptions.abort(why);
    }
    return found;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":"))
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
    return false;
  }

  private static String run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", cmd) + " timed out");
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
