package dev.kmodlint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client side of check --server: where it looks, and which command lines it sends before parsing them. */
class ServerUseTest {
  @TempDir Path tmp;

  @Test
  void theQuickClientLooksWhereCheckWould() {
    assertEquals(Main.Check.defaultCacheDir(), ServerUse.defaultCacheDir());
  }

  private ServerUse.Quick quick(String... args) {
    return ServerUse.quick(args, new ByteArrayOutputStream(), new ByteArrayOutputStream());
  }

  @Test
  void onlyPlainCheckCommandLinesAreTriedBeforeParsing() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("mod"));
    String cache = tmp.resolve("cache").toString();
    // no server runs: tried, not answered
    ServerUse.Quick plain = quick("check", "--cache-dir", cache, "--format=sarif", "-q", "-o", "x", dir.toString());
    assertTrue(plain.tried());
    assertTrue(plain.code().isEmpty());
    assertTrue(quick("check", "--cache-dir", cache, "--", dir.toString()).tried());
    // what the parser alone understands goes the usual way
    assertFalse(quick("check", "--help").tried());
    assertFalse(quick("check", "-qj4", dir.toString()).tried(), "clustered short options");
    assertFalse(quick("check", "@args.txt").tried(), "an argument file");
    assertFalse(quick("check", "--format").tried(), "an option without its value");
    assertFalse(quick("check", "--server", "never", dir.toString()).tried());
    assertFalse(quick("rules").tried());
    assertFalse(quick("check", "--cache-dir", cache).tried(), "no path");
  }
}
