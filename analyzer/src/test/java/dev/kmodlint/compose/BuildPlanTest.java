package dev.kmodlint.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.kbuild.KbuildEnvironment;
import dev.kmodlint.scan.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the Makefiles, read for one kernel, serve another kernel of the run as they are. */
class BuildPlanTest {
  @TempDir Path dir;

  private SourceTree tree;

  private BuildPlan plan(String kbuild, KbuildEnvironment env) throws IOException {
    Files.writeString(dir.resolve("Kbuild"), kbuild);
    Files.writeString(dir.resolve("m.c"), "int x;\n");
    Files.writeString(dir.resolve("extra.c"), "int y;\n");
    tree = SourceTree.walk(List.of(dir));
    return BuildPlan.read(tree, 1, env);
  }

  private KbuildEnvironment kernel(String release, Map<String, String> config) {
    return KbuildEnvironment.unknown().withTree(java.util.Optional.of(dir)).withKernelConfig(config).withKernel(release);
  }

  @Test
  void aMakefileThatLooksAtNothingOfTheKernelServesEveryKernel() throws IOException {
    BuildPlan p = plan("obj-m += m.o\n", kernel("6.1.0-57-amd64", Map.of("CONFIG_X", "y")));
    assertTrue(p.readsTheSameWay(tree, kernel("6.12.117+deb12-amd64", Map.of("CONFIG_X", "m", "CONFIG_Y", "y"))));
  }

  @Test
  void theConfigSymbolsItTestsDecide() throws IOException {
    BuildPlan p = plan("obj-m += m.o\nm-$(CONFIG_EXTRA) += extra.o\n",
        kernel("6.1.0-57-amd64", Map.of("CONFIG_EXTRA", "y", "CONFIG_OTHER", "y")));
    assertTrue(p.readsTheSameWay(tree, kernel("6.12.117+deb12-amd64", Map.of("CONFIG_EXTRA", "y"))),
        "CONFIG_OTHER is not looked at");
    assertFalse(p.readsTheSameWay(tree, kernel("6.12.117+deb12-amd64", Map.of("CONFIG_EXTRA", "m"))));
    assertFalse(p.readsTheSameWay(tree, kernel("6.12.117+deb12-amd64", Map.of())), "unset is another value");
    assertFalse(p.readsTheSameWay(tree, KbuildEnvironment.unknown().withTree(java.util.Optional.of(dir))),
        "no .config at all is another reading");
  }

  @Test
  void theReleaseDecidesWhenTheMakefileReadsIt() throws IOException {
    BuildPlan p = plan("ifneq ($(KERNELRELEASE),)\nobj-m += m.o\nendif\n", kernel("6.1.0-57-amd64", Map.of()));
    assertFalse(p.readsTheSameWay(tree, kernel("6.12.117+deb12-amd64", Map.of())));
    assertTrue(p.readsTheSameWay(tree, kernel("6.1.0-57-amd64", Map.of())));
    assertEquals(1, p.directories().size());
  }

  @Test
  void anotherTreeIsAnotherReading() throws IOException {
    BuildPlan p = plan("obj-m += m.o\n", kernel("6.1.0-57-amd64", Map.of()));
    assertFalse(p.readsTheSameWay(SourceTree.walk(List.of(dir)), kernel("6.1.0-57-amd64", Map.of())),
        "a tree walked again (another kernel's architecture left other directories out) is read again");
  }
}
