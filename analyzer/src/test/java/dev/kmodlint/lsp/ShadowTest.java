package dev.kmodlint.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy the language server analyzes: the disk with the unsaved buffers on top, never the disk changed. */
class ShadowTest {
  @TempDir Path tmp;
  Path mod;
  Shadow shadow;

  @BeforeEach
  void tree() throws IOException {
    mod = Files.createDirectories(tmp.resolve("src/mod"));
    Files.writeString(mod.resolve("Makefile"), "obj-m += a.o\ninclude $(src)/../common.mk\n");
    Files.writeString(mod.resolve("a.c"), "int a;\n");
    Files.createDirectories(mod.resolve("sub"));
    Files.writeString(mod.resolve("sub/b.h"), "int b;\n");
    Files.writeString(tmp.resolve("src/common.mk"), "ccflags-y += -DX\n");
    Files.createDirectories(tmp.resolve("src/other"));
    Files.writeString(tmp.resolve("src/other/o.c"), "int o;\n");
    shadow = new Shadow(tmp.resolve("shadow"));
  }

  private static Map<Path, byte[]> buffers(Path file, String text) {
    return Map.of(file, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theCopyHoldsTheDiskWithUnsavedBuffersInPlace() throws IOException {
    Path copy = shadow.sync(mod, buffers(mod.resolve("a.c"), "int a_unsaved;\n"), 100);
    assertEquals(shadow.of(mod), copy);
    assertEquals("int a_unsaved;\n", Files.readString(copy.resolve("a.c")));
    assertEquals("int a;\n", Files.readString(mod.resolve("a.c")), "the disk is not written");
    assertEquals("int b;\n", Files.readString(copy.resolve("sub/b.h")));
    assertEquals("ccflags-y += -DX\n", Files.readString(copy.resolve("../common.mk")),
        "what a Makefile includes from above resolves as on disk");

    // the buffer is closed: the disk's content again
    shadow.sync(mod, Map.of(), 100);
    assertEquals("int a;\n", Files.readString(copy.resolve("a.c")));
  }

  @Test
  void filesAddedChangedAndDeletedOnDiskAreFollowed() throws IOException {
    Path copy = shadow.sync(mod, Map.of(), 100);
    Files.writeString(mod.resolve("a.c"), "int a_changed;\n");
    Files.writeString(mod.resolve("new.c"), "int n;\n");
    Files.delete(mod.resolve("sub/b.h"));
    Files.delete(mod.resolve("sub"));
    shadow.sync(mod, Map.of(), 100);
    assertEquals("int a_changed;\n", Files.readString(copy.resolve("a.c")));
    assertEquals("int n;\n", Files.readString(copy.resolve("new.c")));
    assertFalse(Files.exists(copy.resolve("sub")));
    // a buffer of a file not yet saved counts too
    shadow.sync(mod, buffers(mod.resolve("unsaved.c"), "int u;\n"), 100);
    assertEquals("int u;\n", Files.readString(copy.resolve("unsaved.c")));
    shadow.sync(mod, Map.of(), 100);
    assertFalse(Files.exists(copy.resolve("unsaved.c")));
  }

  @Test
  void aSiblingMirroredByALinkBecomesACopyWithoutWritingThroughTheLink() throws IOException {
    shadow.sync(mod, Map.of(), 100);
    Path other = tmp.resolve("src/other");
    assertTrue(Files.isSymbolicLink(shadow.of(other)), "mirrored by a link while it is not analyzed");
    Path copy = shadow.sync(other, buffers(other.resolve("o.c"), "int o_unsaved;\n"), 100);
    assertFalse(Files.isSymbolicLink(copy));
    assertEquals("int o_unsaved;\n", Files.readString(copy.resolve("o.c")));
    assertEquals("int o;\n", Files.readString(other.resolve("o.c")), "the real file is untouched");
    assertEquals("int a;\n", Files.readString(shadow.of(mod).resolve("a.c")), "the first unit's copy stays");
  }

  @Test
  void aUnitOverTheLimitIsRefused() {
    try {
      shadow.sync(mod, Map.of(), 2);
      throw new AssertionError("not refused");
    } catch (IOException e) {
      assertTrue(e.getMessage().contains("more than 2 files"), e.getMessage());
    }
    assertFalse(Files.exists(shadow.of(mod).resolve("a.c")), "refused before anything is copied");
  }

  @Test
  void resultsAreMappedBackToRealPaths() throws IOException {
    Path copy = shadow.sync(mod, Map.of(), 100);
    Path c = copy.resolve("a.c");
    Finding f = new Finding("param/world-writable", Level.ERROR, "in " + c + ": bad", new SourcePosition(c, 3, 5, 3, 9),
        List.of(new Finding.Related(SourcePosition.startOf(copy.resolve("Makefile")), "built by " + copy)),
        List.of(new Finding.Fix("fix it", new SourcePosition(c, 3, 5, 3, 9), "0664")), List.of());
    Finding real = shadow.toReal(f);
    assertEquals(mod.resolve("a.c"), real.position().file());
    assertEquals("in " + mod.resolve("a.c") + ": bad", real.message());
    assertEquals(mod.resolve("Makefile"), real.related().get(0).position().file());
    assertEquals("built by " + mod, real.related().get(0).message());
    assertEquals(mod.resolve("a.c"), real.fixes().get(0).region().file());
    assertEquals(3, real.position().line());
    assertEquals(Path.of("/usr/include/x.h"), shadow.toReal(Path.of("/usr/include/x.h")));
  }

  @Test
  void everyEditOfAFixIsMappedBack() throws IOException {
    Path copy = shadow.sync(mod, Map.of(), 100);
    Path mk = copy.resolve("Makefile");
    Finding.Fix rename = new Finding.Fix("rename m-objs to m-y", List.of(
        new Finding.Fix.Edit(new SourcePosition(mk, 2, 1, 2, 7), "m-y"),
        new Finding.Fix.Edit(new SourcePosition(mk, 3, 1, 3, 7), "m-y")));
    Finding f = new Finding("kbuild/deprecated-objs", Level.NOTE, "m-objs", new SourcePosition(mk, 2, 1, 2, 7),
        List.of(), List.of(rename), List.of());
    List<Finding.Fix.Edit> edits = shadow.toReal(f).fixes().get(0).edits();
    assertEquals(2, edits.size(), "both assignments renamed");
    for (Finding.Fix.Edit e : edits) {
      assertEquals(mod.resolve("Makefile"), e.region().file());
      assertEquals("m-y", e.text());
    }
    assertEquals(List.of(2, 3), edits.stream().map(e -> e.region().line()).toList());
  }
}
