package dev.kmodlint.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kept stage is taken only while its key, its files' contents, what the names it looked up
 * are and the names in the directories it listed are as they were.
 */
class StageCacheTest {
  @TempDir Path tmp;

  record Value(String text, List<Path> files) {}

  @Test
  void aStageIsTakenUntilWhatItReadChanges() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("src"));
    Path makefile = Files.writeString(dir.resolve("Makefile"), "obj-m += a.o\n");
    StageCache<Value> cache = new StageCache<>(tmp.resolve("cache"), "build 1", Value.class);
    Value v = new Value("read", List.of(makefile));
    Path source = dir.resolve("a.c");
    cache.store("kbuild", "key", v, List.of(makefile), List.of(source), List.of());
    assertEquals(Optional.of(v), cache.load("kbuild", "key"));
    assertEquals(Optional.empty(), cache.load("kbuild", "other key"), "another key");
    assertEquals(Optional.empty(), new StageCache<>(tmp.resolve("cache"), "build 2", Value.class).load("kbuild", "key"),
        "another build");

    Files.writeString(dir.resolve("b.c"), "int b;\n");
    assertEquals(Optional.of(v), cache.load("kbuild", "key"), "a name it did not look up added");
    Files.writeString(source, "int a;\n");
    assertEquals(Optional.empty(), cache.load("kbuild", "key"), "a name it looked up that is there now");
    cache.store("kbuild", "key", v, List.of(makefile), List.of(source), List.of(dir));
    assertEquals(Optional.of(v), cache.load("kbuild", "key"));
    Files.writeString(source, "int b;\n");
    assertEquals(Optional.of(v), cache.load("kbuild", "key"), "a file it did not read changed");
    Files.writeString(dir.resolve("c.c"), "int c;\n");
    assertEquals(Optional.empty(), cache.load("kbuild", "key"), "a name added to a directory it listed");
    cache.store("kbuild", "key", v, List.of(makefile), List.of(source), List.of(dir));

    Files.writeString(makefile, "obj-m += b.o\n");
    assertEquals(Optional.empty(), cache.load("kbuild", "key"), "a file it read changed");
    cache.store("kbuild", "key", v, List.of(makefile), List.of(source), List.of(dir));
    Files.delete(makefile);
    assertEquals(Optional.empty(), cache.load("kbuild", "key"), "a file it read removed");
  }

  @Test
  void aDamagedEntryIsAMiss() throws Exception {
    StageCache<Value> cache = new StageCache<>(tmp.resolve("cache"), "build 1", Value.class);
    cache.store("kconfig", "key", new Value("x", List.of()), List.of(), List.of(), List.of());
    Path entry = cache.entryFile("kconfig");
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(entry, bytes);
    assertEquals(Optional.empty(), cache.load("kconfig", "key"));
    Files.write(entry, new byte[] {1, 2, 3});
    assertEquals(Optional.empty(), cache.load("kconfig", "key"));
    assertTrue(cache.misses() == 2 && cache.hits() == 0, cache.hits() + " hits, " + cache.misses() + " misses");
  }
}
