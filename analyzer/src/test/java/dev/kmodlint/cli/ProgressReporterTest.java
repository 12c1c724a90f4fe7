package dev.kmodlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The progress bar's rate and time left are measured over the whole run, never shown as "?". */
class ProgressReporterTest {
  @Test
  void rateAndTimeLeft() {
    assertEquals("", ProgressReporter.rate(0, 5_000_000_000L), "nothing done yet: nothing shown");
    assertEquals("20 files/s", ProgressReporter.rate(100, 5_000_000_000L));
    assertEquals("0.5 files/s", ProgressReporter.rate(1, 2_000_000_000L));
    assertEquals(Optional.of(Duration.ofSeconds(15)), ProgressReporter.timeLeft(100, 400, 5_000_000_000L));
    assertEquals(Optional.empty(), ProgressReporter.timeLeft(0, 400, 5_000_000_000L));
  }

  @Test
  void theBarNeverShowsAQuestionMark() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    ProgressReporter bar = new ProgressReporter(err, Duration.ZERO);
    bar.started(50);
    for (int i = 0; i < 20; i++) {
      bar.fileDone();
      Thread.sleep(30); // the bar redraws every 250 ms, on its own thread: several frames
    }
    bar.finished();
    String shown = buf.toString(StandardCharsets.UTF_8);
    assertTrue(shown.contains("files/s"), shown);
    assertFalse(shown.contains("?"), shown);
  }
}
