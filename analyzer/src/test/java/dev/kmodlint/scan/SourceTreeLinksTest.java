package dev.kmodlint.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links and build outputs in the walk (issue 14 item 5). */
class SourceTreeLinksTest {
  @TempDir Path tmp;

  private static Set<String> names(Path root, java.util.Collection<Path> files) {
    Set<String> out = new TreeSet<>();
    for (Path f : files) out.add(root.relativize(f).toString());
    return out;
  }

  @Test
  void linkedFilesAndOutsideDirectoriesAreReadOnceAndBuildOutputsAreNot() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Path shared = Files.createDirectories(tmp.resolve("shared")); // outside the scanned tree
    Files.writeString(shared.resolve("common.c"), "int common;\n");
    Path a = Files.createDirectories(repo.resolve("a"));
    Path b = Files.createDirectories(repo.resolve("b"));
    Files.writeString(a.resolve("core.c"), "int core;\n");
    Files.writeString(a.resolve("Makefile"), "obj-m += core.o\n");
    Files.createSymbolicLink(b.resolve("core.c"), Path.of("../a/core.c")); // one source, two modules
    Files.createSymbolicLink(b.resolve("lib"), shared);                       // a directory outside
    Files.createSymbolicLink(b.resolve("again"), a);                          // a directory inside
    Files.createSymbolicLink(a.resolve("loop"), repo);                        // a loop
    Files.writeString(a.resolve("core.mod.c"), "/* written by modpost */\n");
    SourceTree t = SourceTree.walk(List.of(repo));
    assertEquals(Set.of("a/core.c", "b/core.c", "b/lib/common.c"), names(repo, t.cFiles()));
    assertEquals(List.of(), t.notifications());
  }
}
