package dev.kmodlint.rules.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.rules.fuzz.Verdict.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No crash, no hang, no loss on any input (issue 13): every case of {@link FuzzCases} runs the
 * real command line in a child JVM on a generated tree, next to a planted module whose finding
 * must survive. The suite fails on a stack trace or "internal error", an exit code outside
 * 0/1/2, a run past its bound, a planted finding gone missing, or what a case expects besides.
 *
 * <p>{@link #KNOWN_FAILURES} lists cases whose fix belongs to code being moved (the engine
 * package, issue 12): they run and are reported, but do not fail the suite; one that passes
 * does, so that the list only ever shrinks. {@code -Dkmodlint.fuzz.seed=N} changes the random
 * trees, {@code -Dkmodlint.fuzz.only=REGEX} runs some cases, {@code -Dkmodlint.fuzz.ignoreKnown=true}
 * counts known failures as failures.
 */
class FuzzTest {
  private static final String SUPPRESSIONS = "engine: Suppressions.readDirectives reads every text file with"
      + " Files.readAllBytes: OutOfMemoryError past 2 GiB";

  /**
   * Case name -> why it fails today and where the fix goes: all in the engine package, which is
   * being split up (issue 12) and is fixed after that.
   */
  static final Map<String, String> KNOWN_FAILURES = Map.ofEntries(
      Map.entry("huge-c-file", "engine: FileAnalysis.analyze reads with Files.readAllBytes (OutOfMemoryError past"
          + " 2 GiB), the worker dies in FileAnalysis.configReferencesOnly; Suppressions.readDirectives too"),
      Map.entry("huge-header", SUPPRESSIONS + "; FileAnalysis.analyze as for C files"),
      Map.entry("huge-makefile", SUPPRESSIONS),
      Map.entry("huge-kbuild", SUPPRESSIONS),
      Map.entry("huge-kconfig", SUPPRESSIONS),
      Map.entry("huge-dkms-conf", SUPPRESSIONS),
      Map.entry("huge-modprobe-conf", SUPPRESSIONS),
      Map.entry("huge-modules-load-conf", SUPPRESSIONS),
      Map.entry("conf-path-linked-to-dev-zero", SUPPRESSIONS + " (reads /dev/zero until the heap is gone)"),
      Map.entry("fifo-as-named-conf", "engine: SourceTree.walk takes a named PATH of any type, and"
          + " Suppressions.readDirectives blocks opening the FIFO with Files.readAllBytes"),
      Map.entry("fifo-as-cache-entry", "engine: FactCache.load opens the entry with Files.readAllBytes and blocks"),
      Map.entry("config-invalid-glob", "engine: Configuration.excludes compiles the glob when matching:"
          + " PatternSyntaxException is an internal error"),
      Map.entry("config-not-utf8", "engine: Configuration.read: snakeyaml wraps the MalformedInputException, whose"
          + " class name ends up in the message"),
      Map.entry("invalid-utf8-name-warm-and-cold", "engine: FactCache keys and RecordCodec paths are strings:"
          + " bad\\xff.c and bad\\xfe.c both come back as bad\\uFFFD.c, which names neither"),
      Map.entry("unreadable-files-in-tree", "engine: ParallelParser.failure, FileAnalysis.analyze and"
          + " BuildConfiguration.kconfig say 'cannot read X: /path/X' or 'cannot read X' without why"),
      Map.entry("path-symlinked-to-directory", "engine: SourceTree.walkDir walks a PATH that is a link to a"
          + " directory as the link itself (a file that is not regular): nothing is scanned"));

  static final long SEED = Long.getLong("kmodlint.fuzz.seed", 13);
  static final int RANDOM_TREES = Integer.getInteger("kmodlint.fuzz.random", 8);
  /** Child JVMs at a time: CI machines have two cores. */
  static final int PARALLEL = Integer.getInteger("kmodlint.fuzz.parallel", 2);

  @TempDir Path tmp;

  @Test
  void noCrashNoHangNoLossOnHostileInput() throws Exception {
    long start = System.nanoTime();
    double cpuBefore = childrenCpuSeconds();
    String only = System.getProperty("kmodlint.fuzz.only");
    boolean ignoreKnown = Boolean.getBoolean("kmodlint.fuzz.ignoreKnown");
    List<FuzzCases.Case> cases = FuzzCases.all(SEED, RANDOM_TREES).stream()
        .filter(c -> only == null || c.name().matches(only)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    List<Future<Verdict>> running = new ArrayList<>();
    for (FuzzCases.Case c : cases) running.add(pool.submit(() -> runCase(c)));
    pool.shutdown();
    List<String> failures = new ArrayList<>();
    StringBuilder table = new StringBuilder();
    int w = cases.stream().mapToInt(c -> c.name().length()).max().orElse(10);
    table.append(String.format(Locale.ROOT, "%n%-" + w + "s  %-10s %6s  %s%n", "case", "outcome", "time", "detail"));
    int passed = 0;
    int known = 0;
    int skipped = 0;
    for (int i = 0; i < cases.size(); i++) {
      FuzzCases.Case c = cases.get(i);
      Verdict v = running.get(i).get();
      Outcome o = v.outcome();
      String knownWhy = ignoreKnown ? null : KNOWN_FAILURES.get(c.name());
      String label = o.name();
      String detail = v.detail();
      if (knownWhy != null && o != Outcome.PASS && o != Outcome.SKIP) {
        label = "KNOWN-" + o.name();
        known++;
      } else if (knownWhy != null && o == Outcome.PASS) {
        label = "FIXED";
        detail = "passes now: remove it from KNOWN_FAILURES";
        failures.add(c.name() + ": " + detail);
      } else if (o == Outcome.PASS) {
        passed++;
      } else if (o == Outcome.SKIP) {
        skipped++;
      } else {
        failures.add(c.name() + ": " + o + ": " + detail);
      }
      table.append(String.format(Locale.ROOT, "%-" + w + "s  %-10s %5.1fs  %s%n", c.name(), label,
          v.took().toMillis() / 1000.0, detail));
    }
    double secs = (System.nanoTime() - start) / 1e9;
    double childCpu = childrenCpuSeconds() - cpuBefore;
    table.append(String.format(Locale.ROOT, "%d cases (seed %d): %d passed, %d known failures, %d skipped, %d failed"
        + " in %.1f s on %d cores (%d at a time); the child JVMs used %.1f s of CPU%n", cases.size(), SEED, passed,
        known, skipped, failures.size(), secs, Runtime.getRuntime().availableProcessors(), PARALLEL, childCpu));
    if (known > 0) {
      table.append("known failures, each to be fixed where it says:\n");
      for (FuzzCases.Case c : cases) {
        String why = KNOWN_FAILURES.get(c.name());
        if (why != null && !ignoreKnown) table.append("  ").append(c.name()).append(": ").append(why).append('\n');
      }
    }
    System.out.print(table);
    Files.writeString(Path.of(System.getProperty("kmodlint.fuzz.report", "target/fuzz-report.txt")), table);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  private Verdict runCase(FuzzCases.Case c) {
    Scenario s;
    try {
      s = new Scenario(c.name(), Files.createDirectories(tmp.resolve(c.name())));
    } catch (Exception e) {
      Verdict v = new Verdict();
      v.add(Outcome.ERROR, "setting up: " + e);
      return v;
    }
    try {
      c.body().run(s);
    } catch (Scenario.Skip skip) {
      s.verdict.skip(skip.getMessage());
    } catch (Exception | AssertionError e) {
      s.verdict.add(Outcome.ERROR, "the case itself failed: " + e);
    } finally {
      s.cleanUp();
    }
    return s.verdict;
  }

  /**
   * CPU time of this JVM's finished children (cutime + cstime of /proc/self/stat, in the
   * kernel's USER_HZ of 100): what the suite costs whatever else the machine is doing.
   */
  static double childrenCpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
    } catch (Exception e) {
      return Double.NaN;
    }
  }
}
