package dev.kmodlint.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.kmodlint.c.CFrontEnd;
import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.scan.FileAnalysis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory tier of a long-lived process: found before the disk, on the same checks. */
class FactCacheMemoryTest {
  @TempDir Path tmp;
  Path src;
  Path main;
  Path header;
  final FactCache.Memory memory = new FactCache.Memory();

  @BeforeEach
  void module() throws IOException {
    src = Files.createDirectories(tmp.resolve("mod"));
    header = Files.writeString(src.resolve("hello.h"), "#define HELLO_LICENSE \"GPL\"\n");
    main = Files.writeString(src.resolve("hello.c"), """
        #include <linux/module.h>
        #include "hello.h"
        MODULE_LICENSE(HELLO_LICENSE);
        """);
  }

  private record Run(FileFacts facts, FactCache cache) {}

  private Run run() throws IOException {
    FactCache cache = new FactCache(tmp.resolve("cache"), "build-1", "root=" + src, memory);
    return new Run(new FileAnalysis(new CFrontEnd(src), Optional.of(cache)).analyze(main, SourceFile.Kind.C), cache);
  }

  private void dropTheDiskCache() throws IOException {
    try (Stream<Path> all = Files.walk(tmp.resolve("cache"))) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  @Test
  void aSecondRunTakesTheFactsFromMemoryWithoutTheDisk() throws IOException {
    Run cold = run();
    assertEquals(1, cold.cache().misses());
    assertEquals(1, memory.size());
    dropTheDiskCache();
    Run warm = run();
    assertEquals(1, warm.cache().hits());
    assertSame(cold.facts(), warm.facts(), "the very facts, not decoded again");
  }

  @Test
  void aChangedFileOrHeaderIsParsedAgainDespiteMemory() throws IOException {
    run();
    Files.writeString(main, Files.readString(main).replace("HELLO_LICENSE", "\"MIT\""));
    Run changed = run();
    assertEquals(0, changed.cache().hits());
    assertEquals("MIT", changed.facts().file().modInfo("license").get(0).value());

    Files.writeString(main, Files.readString(main).replace("\"MIT\"", "HELLO_LICENSE"));
    run();
    Files.writeString(header, "#define HELLO_LICENSE \"Dual BSD/GPL\"\n");
    Run header = run();
    assertEquals(0, header.cache().hits(), "an entry held in memory still depends on the headers it read");
    assertEquals("Dual BSD/GPL", header.facts().file().modInfo("license").get(0).value());
  }

  @Test
  void anEntryWrittenToDiskByAnotherRunIsFoundWhenMemoryHoldsAnOldOne() throws IOException {
    run();
    String original = Files.readString(main);
    Files.writeString(main, original.replace("HELLO_LICENSE", "\"MIT\""));
    // another process (a standalone run) parses the new content and writes the disk cache
    new FileAnalysis(new CFrontEnd(src), Optional.of(new FactCache(tmp.resolve("cache"), "build-1", "root=" + src)))
        .analyze(main, SourceFile.Kind.C);
    Run r = run();
    assertEquals(1, r.cache().hits(), "memory is stale, the disk is not");
    assertEquals("MIT", r.facts().file().modInfo("license").get(0).value());
  }
}
