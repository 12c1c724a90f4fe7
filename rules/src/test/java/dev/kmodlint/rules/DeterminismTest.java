package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report does not depend on how many threads parsed the files, nor on whether the facts
 * came from the cache: the whole corpus, in both formats. Each run is a JVM of its own, as
 * users run kmodlint: the iteration order of {@code Set.of}, {@code Map.of} and
 * {@code Set.copyOf} changes from one JVM to the next (ImmutableCollections' SALT), which two
 * runs inside one JVM cannot see.
 */
class DeterminismTest {
  @TempDir Path cache;

  /** SARIF carries the run's start and end time; nothing else may differ. */
  private static String withoutTimes(String sarif) {
    return sarif.replaceAll("\"(start|end)TimeUtc\"\\s*:\\s*\"[^\"]*\"", "\"$1TimeUtc\":\"-\"");
  }

  /** The text summary ends with the run time. */
  private static String withoutDuration(String text) {
    return text.replaceAll(" in [0-9.]+s;", " in -s;").replaceAll(" in [0-9.]+s$", " in -s");
  }

  private record Run(int code, String out, String err) {}

  /** {@code kmodlint ARGS} in a new JVM with this test's class path. */
  private static Run kmodlint(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path")));
    String indexCache = System.getProperty("kmodlint.cache.dir");
    if (indexCache != null) cmd.add("-Dkmodlint.cache.dir=" + indexCache);
    cmd.add("dev.kmodlint.cli.Main");
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("kmodlint-determinism", ".out");
    Path err = Files.createTempFile("kmodlint-determinism", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        fail("kmodlint " + String.join(" ", args) + " did not finish");
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Equal, or a failure that shows where the first difference is rather than two reports of a megabyte. */
  private static void assertSameReport(String what, String a, String b) {
    if (a.equals(b)) return;
    List<String> x = a.lines().toList();
    List<String> y = b.lines().toList();
    int i = 0;
    while (i < Math.min(x.size(), y.size()) && x.get(i).equals(y.get(i))) i++;
    StringBuilder sb = new StringBuilder(what + ": the reports differ from line " + (i + 1) + " on\n");
    for (int j = Math.max(0, i - 3); j < Math.min(Math.max(x.size(), y.size()), i + 4); j++) {
      String l = j < x.size() ? x.get(j) : "(end)";
      String r = j < y.size() ? y.get(j) : "(end)";
      sb.append(j == i ? "> " : "  ").append(j + 1).append(": ").append(l).append('\n');
      if (!l.equals(r)) sb.append(j == i ? "> " : "  ").append(j + 1).append(": ").append(r).append('\n');
    }
    fail(sb.toString());
  }

  @Test
  void oneJobAndFourJobsInTwoJvmsGiveTheSameReport() throws Exception {
    String corpus = Corpus.DIR.toString();
    Run one = kmodlint("check", "--no-cache", "--jobs", "1", "--format", "sarif", corpus);
    Run four = kmodlint("check", "--no-cache", "--jobs", "4", "--format", "sarif", corpus);
    assertTrue(one.out().contains("\"ruleId\""), one.err());
    assertTrue(four.out().contains("\"ruleId\""), four.err());
    assertSameReport("SARIF, --jobs 1 and --jobs 4", withoutTimes(one.out()), withoutTimes(four.out()));
    Run textOne = kmodlint("check", "--no-cache", "-j", "1", corpus);
    Run textFour = kmodlint("check", "--no-cache", "-j", "4", corpus);
    assertTrue(textOne.out().contains("[param/world-writable]"), textOne.out() + textOne.err());
    assertSameReport("text, -j 1 and -j 4", withoutDuration(textOne.out()), withoutDuration(textFour.out()));
  }

  @Test
  void factsFromTheCacheOfAnotherJvmGiveTheSameReportAsParsing() throws Exception {
    String corpus = Corpus.DIR.toString();
    Run parsed = kmodlint("check", "--no-cache", "--format", "sarif", corpus);
    Run cold = kmodlint("check", "--cache-dir", cache.toString(), "--format", "sarif", corpus);
    Run warm = kmodlint("check", "--cache-dir", cache.toString(), "--jobs", "3", "--format", "sarif", corpus);
    assertTrue(parsed.out().contains("\"ruleId\""), parsed.err());
    assertSameReport("SARIF, parsed and written to the cache", withoutTimes(parsed.out()), withoutTimes(cold.out()));
    assertSameReport("SARIF, parsed and read from the cache", withoutTimes(parsed.out()), withoutTimes(warm.out()));
  }
}
