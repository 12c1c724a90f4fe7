package dev.kmodlint.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.c.CFrontEnd;
import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parse stage on its own: the same facts whatever the order and the number of workers; a failing file is a notification. */
class ParallelParserTest {
  @TempDir Path dir;
  FileAnalysis analysis;

  @BeforeEach
  void frontEnd() throws IOException {
    analysis = new FileAnalysis(new CFrontEnd(dir), Optional.empty());
    // the first parse of a JVM loads CDT (a second or more): not inside a timed parse below
    analysis.analyze(Files.writeString(dir.resolve("warm-up.c"), "int warm_up;\n"), SourceFile.Kind.C);
  }

  private Path source(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private List<Path> module(int n) throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      files.add(source("part" + i + ".c", "#include <linux/module.h>\n#include \"shared.h\"\n"
          + "static int value" + i + " = " + i + ";\n"
          + "int part" + i + "_get(void) { return value" + i + " + SHARED; }\n"
          + "EXPORT_SYMBOL(part" + i + "_get);\n"
          + (i == 0 ? "MODULE_LICENSE(\"GPL\");\n" : "")));
    }
    return files;
  }

  @Test
  void theFactsDoNotDependOnTheOrderOfTheFilesNorOnTheNumberOfWorkers() throws IOException {
    List<Path> cFiles = module(8);
    List<Path> headers = List.of(source("shared.h", "#define SHARED 3\n"), source("other.h", "int other(void);\n"));
    AtomicInteger done = new AtomicInteger();
    Map<Path, FileFacts> one = new ParallelParser(analysis, 1, Duration.ofSeconds(60), done::incrementAndGet)
        .analyze(cFiles, headers);
    assertEquals(10, done.get(), "progress is told once per file");
    List<Path> reversed = new ArrayList<>(cFiles);
    Collections.reverse(reversed);
    List<Path> headersReversed = new ArrayList<>(headers);
    Collections.reverse(headersReversed);
    Map<Path, FileFacts> four = new ParallelParser(analysis, 4, Duration.ofSeconds(60), ParallelParser.Progress.NONE)
        .analyze(reversed, headersReversed);
    assertEquals(one, four);
    Set<Path> all = new java.util.HashSet<>(cFiles);
    all.addAll(headers);
    assertEquals(all, one.keySet());
    for (Path c : cFiles) {
      FileFacts f = one.get(c);
      assertTrue(f.file().parsed(), c.toString());
      assertEquals(SourceFile.Kind.C, f.file().kind());
      assertEquals(List.of(c.getFileName().toString().replace(".c", "_get")),
          f.file().code().exports().stream().map(e -> e.symbol()).toList());
    }
    assertEquals(SourceFile.Kind.HEADER, one.get(headers.get(0)).file().kind());
  }

  @Test
  void aFileThatFailsBecomesANotificationAndTheWorkerGoesOn() throws IOException {
    Path missing = dir.resolve("missing.c");
    Path directory = Files.createDirectory(dir.resolve("directory.c"));
    Path good = source("good.c", "#include <linux/module.h>\nMODULE_LICENSE(\"GPL\");\n");
    Map<Path, FileFacts> facts = new ParallelParser(analysis, 1, Duration.ofSeconds(60), ParallelParser.Progress.NONE)
        .analyze(List.of(missing, directory, good), List.of());
    assertEquals(Set.of(missing, directory, good), facts.keySet());
    for (Path bad : List.of(missing, directory)) {
      FileFacts f = facts.get(bad);
      assertFalse(f.file().parsed(), bad.toString());
      assertEquals(1, f.notifications().size(), f.notifications().toString());
      Notification n = f.notifications().get(0);
      assertEquals("read-failure", n.id());
      assertEquals(Level.ERROR, n.level());
      assertTrue(n.message().startsWith("not analyzed: cannot read " + bad + ": "), n.message());
      assertEquals(bad, n.position().orElseThrow().file());
    }
    assertTrue(facts.get(good).file().parsed());
    assertEquals("GPL", facts.get(good).file().modInfo("license").get(0).value());
    assertEquals(List.of(), facts.get(good).notifications());
  }

  @Test
  void aFilePastTheTimeLimitBecomesANotificationAndTheWorkerGoesOn() throws IOException {
    // some megabytes of C: seconds of parsing, where the limit is half a second
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 60_000; i++)
      sb.append("static int f").append(i).append("(int x) { int y = x * ").append(i).append("; if (y > 3) return f")
          .append(Math.max(0, i - 1)).append("(y - 1); return y + x; }\n");
    Path slow = source("slow.c", sb.toString());
    Path quick = source("quick.c", "#include <linux/module.h>\nMODULE_LICENSE(\"GPL\");\n");
    long start = System.nanoTime();
    Map<Path, FileFacts> facts = new ParallelParser(analysis, 1, Duration.ofMillis(500), ParallelParser.Progress.NONE)
        .analyze(List.of(slow, quick), List.of());
    FileFacts f = facts.get(slow);
    assertFalse(f.file().parsed());
    assertEquals(List.of("parse-timeout"), f.notifications().stream().map(Notification::id).toList());
    assertEquals(Level.ERROR, f.notifications().get(0).level());
    assertTrue(f.notifications().get(0).message().startsWith("not analyzed: parsing slow.c took longer than"),
        f.notifications().get(0).message());
    assertTrue(facts.get(quick).file().parsed(), "the worker that was stopped parses the next file");
    assertEquals(List.of(), facts.get(quick).notifications());
    System.out.printf("ParallelParserTest: a %d KB file stopped at the 500 ms limit, whole run %d ms%n",
        sb.length() / 1024, (System.nanoTime() - start) / 1_000_000);
  }
}
