package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report does not depend on how many threads parsed the files, nor on whether the facts
 * came from the cache: the whole corpus, in both formats.
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

  @Test
  void oneJobAndFourJobsGiveTheSameReport() {
    String corpus = Corpus.DIR.toString();
    CliTest.Run one = CliTest.run("check", "--no-cache", "--jobs", "1", "--format", "sarif", corpus);
    CliTest.Run four = CliTest.run("check", "--no-cache", "--jobs", "4", "--format", "sarif", corpus);
    assertTrue(one.out().contains("\"ruleId\""), one.err());
    assertEquals(withoutTimes(one.out()), withoutTimes(four.out()));
    CliTest.Run textOne = CliTest.run("check", "--no-cache", "-j", "1", corpus);
    CliTest.Run textFour = CliTest.run("check", "--no-cache", "-j", "4", corpus);
    assertEquals(withoutDuration(textOne.out()), withoutDuration(textFour.out()));
  }

  @Test
  void factsFromTheCacheGiveTheSameReportAsParsing() {
    String corpus = Corpus.DIR.toString();
    CliTest.Run parsed = CliTest.run("check", "--no-cache", "--format", "sarif", corpus);
    CliTest.Run cold = CliTest.run("check", "--cache-dir", cache.toString(), "--format", "sarif", corpus);
    CliTest.Run warm = CliTest.run("check", "--cache-dir", cache.toString(), "--jobs", "3", "--format", "sarif", corpus);
    assertEquals(withoutTimes(parsed.out()), withoutTimes(cold.out()));
    assertEquals(withoutTimes(parsed.out()), withoutTimes(warm.out()));
  }
}
