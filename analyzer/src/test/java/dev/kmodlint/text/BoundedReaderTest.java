package dev.kmodlint.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedReaderTest {
  @TempDir Path dir;

  @Test
  void aRegularFileWithinTheLimitIsReadWhole() throws Exception {
    Path f = Files.write(dir.resolve("a.c"), new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, BoundedReader.read(f, 3));
  }

  @Test
  void whatNoReaderShouldTakeWholeIsRefusedWithOneLineNamingTheFile() throws Exception {
    Path sparse = dir.resolve("big.c");
    try (RandomAccessFile r = new RandomAccessFile(sparse.toFile(), "rw")) {
      r.setLength((1L << 31) + 4096);
    }
    BoundedReader.ReadFailure big = assertThrows(BoundedReader.ReadFailure.class,
        () -> BoundedReader.read(sparse, 64L << 20));
    assertEquals(sparse + ": is 2.0 GiB, larger than the 64 MiB any file of its kind stays under", big.getMessage());

    BoundedReader.ReadFailure zero = assertThrows(BoundedReader.ReadFailure.class,
        () -> BoundedReader.read(Files.createSymbolicLink(dir.resolve("zero.conf"), Path.of("/dev/zero")), 1 << 20));
    assertTrue(zero.getMessage().endsWith("zero.conf: is not a regular file (a named pipe, socket or device)"),
        zero.getMessage());

    BoundedReader.ReadFailure directory = assertThrows(BoundedReader.ReadFailure.class,
        () -> BoundedReader.read(Files.createDirectory(dir.resolve("Makefile")), 1 << 20));
    assertEquals(dir.resolve("Makefile") + ": is a directory", directory.getMessage());

    BoundedReader.ReadFailure missing = assertThrows(BoundedReader.ReadFailure.class,
        () -> BoundedReader.read(dir.resolve("gone.h"), 1 << 20));
    assertEquals("no such file or directory", missing.reason());
  }
}
