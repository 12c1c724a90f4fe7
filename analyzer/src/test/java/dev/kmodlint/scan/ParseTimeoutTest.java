package dev.kmodlint.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.c.CFrontEnd;
import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.Notification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-file time limit without Thread.stop: an overdue parse is cancelled through CDT's own
 * cancellation, so its worker goes on with the next file instead of being given up.
 */
class ParseTimeoutTest {
  @TempDir Path dir;

  @Test
  void aParseOverItsTimeIsCancelledAndTheOtherFilesAreStillAnalyzed() throws Exception {
    // 50,000 nested parentheses: CDT needs some 15 s for them on this kind of machine
    int n = 50_000;
    Path deep = Files.writeString(dir.resolve("deep.c"), "int f(void) { return " + "(".repeat(n) + "1"
        + ")".repeat(n) + "; }\n");
    Path plain = Files.writeString(dir.resolve("plain.c"), "#include <linux/module.h>\nMODULE_LICENSE(\"GPL\");\n");
    ParallelParser parser = new ParallelParser(new FileAnalysis(new CFrontEnd(dir), Optional.empty()), 1,
        Duration.ofSeconds(1), ParallelParser.Progress.NONE);
    Map<Path, FileFacts> facts = parser.analyze(List.of(deep, plain), List.of());

    FileFacts d = facts.get(deep);
    assertFalse(d.file().parsed());
    assertEquals(List.of("parse-timeout"), d.notifications().stream().map(Notification::id).toList());
    assertTrue(d.notifications().get(0).message().contains("deep.c took longer than 1 s"), d.notifications().toString());
    FileFacts p = facts.get(plain);
    assertTrue(p.file().parsed(), "the next file is analyzed by the same worker");
    assertEquals("GPL", p.file().modInfo("license").get(0).value());
    // cancelled, not given up: no parse thread is left behind
    assertTrue(Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().startsWith("kmodlint-parse") && t.isAlive()), "a parse thread was left running");
  }

  @Test
  void everyFileHasAResultWhateverHappened() throws Exception {
    Path binary = Files.write(dir.resolve("bin.c"), new byte[] {0, 1, 2, 0});
    Path missing = dir.resolve("gone.c");
    Path header = Files.writeString(dir.resolve("h.h"), "#define X 1\n");
    ParallelParser parser = new ParallelParser(new FileAnalysis(new CFrontEnd(dir), Optional.empty()), 2,
        Duration.ofSeconds(30), ParallelParser.Progress.NONE);
    Map<Path, FileFacts> facts = parser.analyze(List.of(binary, missing), List.of(header));
    assertEquals(3, facts.size());
    assertEquals("binary-file", facts.get(binary).notifications().get(0).id());
    Notification gone = facts.get(missing).notifications().get(0);
    assertEquals("read-failure", gone.id());
    assertTrue(gone.message().contains(missing.toString()) && !gone.message().contains("Exception"), gone.message());
    assertTrue(facts.get(header).notifications().isEmpty());
  }
}
