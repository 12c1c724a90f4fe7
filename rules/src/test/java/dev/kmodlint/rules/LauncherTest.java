package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher says, in one line on stderr, that it builds before the minute its first build
 * takes (a pre-commit hook would otherwise look hung), and says nothing once built. A fake
 * {@code mvn} on PATH stands in for the build.
 */
class LauncherTest {
  @TempDir Path tmp;

  record Out(int code, String out, String err) {}

  private Out launch(Path root, Path bin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(root.resolve("kmodlint").toString(), "--version");
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("KMODLINT_NO_CDS", "1");
    pb.redirectError(tmp.resolve("err.txt").toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new Out(p.exitValue(), out, Files.readString(tmp.resolve("err.txt")));
  }

  @Test
  void oneLineBeforeTheFirstBuildAndNoneOnceBuilt() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("kmodlint"));
    Files.copy(Corpus.ROOT.resolve("kmodlint"), root.resolve("kmodlint"));
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Files.createDirectories(root.resolve("analyzer/src/main"));
    // the fake mvn: writes the jar the real build would, into <root>/target, from -f <root>/pom.xml
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path mvn = bin.resolve("mvn");
    Path prepared = tmp.resolve("prepared.jar");
    ManifestJar.write(prepared);
    Files.writeString(mvn, String.join("\n", List.of("#!/bin/sh",
        "while [ $# -gt 0 ]; do [ \"$1\" = -f ] && pom=$2; shift; done",
        "mkdir -p \"$(dirname \"$pom\")/target\"",
        "echo built >> '" + tmp.resolve("builds.txt") + "'",
        "cp '" + prepared + "' \"$(dirname \"$pom\")/target/kmodlint.jar\"", "")));
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

    Out first = launch(root, bin);
    assertEquals(0, first.code(), first.err());
    assertEquals("kmodlint: first use, building (about a minute)...", first.err().lines().findFirst().orElse(""),
        first.err());
    assertTrue(first.out().startsWith("kmodlint "), first.out());

    Out again = launch(root, bin);
    assertEquals("", again.err(), "built: nothing but the output");
    assertEquals(1, Files.readAllLines(tmp.resolve("builds.txt")).size());

    Path source = root.resolve("analyzer/src/main/Changed.java");
    Files.writeString(source, "class Changed {}\n");
    Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    Out rebuilt = launch(root, bin);
    assertTrue(rebuilt.err().startsWith("kmodlint: sources changed, rebuilding (about a minute)..."), rebuilt.err());
    assertFalse(rebuilt.err().contains("first use"), rebuilt.err());
  }
}
