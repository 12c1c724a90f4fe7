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
 * <p>{@link #KNOWN_FAILURES} lists cases that are known to fail, with why: they run and are
 * reported, but do not fail the suite; one that passes does, so that the list only ever shrinks. {@code -Dkmodlint.fuzz.seed=N} changes the random
 * trees, {@code -Dkmodlint.fuzz.only=REGEX} runs some cases, {@code -Dkmodlint.fuzz.ignoreKnown=true}
 * counts known failures as failures.
 */
class FuzzTest {
  /** Case name -> why it fails today and where the fix goes. Empty: every case passes. */
  static final Map<String, String> KNOWN_FAILURES = Map.of();

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
