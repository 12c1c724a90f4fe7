package dev.kmodlint.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sets of the Kbuild model are sorted whatever order they were made in: a hash set's order
 * (which {@code Set.copyOf} varies from one JVM to the next) never reaches a message.
 */
class KbuildModelTest {
  private static final Path DIR = Path.of("/m");
  private static final Path MAKEFILE = DIR.resolve("Makefile");

  private static <T> Set<T> inOrder(List<T> items) {
    return new LinkedHashSet<>(items);
  }

  @Test
  void anEntrysGatesAreSorted() {
    KbuildModel.Entry e = new KbuildModel.Entry("foo.o", BuildMode.CONFIGURABLE,
        inOrder(List.of("CONFIG_C", "CONFIG_A", "CONFIG_B")), SourcePosition.startOf(MAKEFILE), false,
        Optional.empty(), false);
    assertEquals(List.of("CONFIG_A", "CONFIG_B", "CONFIG_C"), List.copyOf(e.gates()));
  }

  @Test
  void aMakefilesSetsAreSortedAndAllGatesPutTheDescentsFirst() {
    KbuildModel.Entry e = new KbuildModel.Entry("foo.o", BuildMode.CONFIGURABLE, inOrder(List.of("CONFIG_Z", "CONFIG_Y")),
        SourcePosition.startOf(MAKEFILE), false, Optional.empty(), false);
    KbuildModel.Makefile m = new KbuildModel.Makefile(DIR, MAKEFILE, List.of(e), List.of(), List.of(), List.of(),
        inOrder(List.of("CONFIG_USB", "CONFIG_PCI")), inOrder(List.of("zeta", "alpha", "mid")), false, List.of(),
        List.of(), inOrder(List.of(DIR.resolve("z.c"), DIR.resolve("a.c"))));
    assertEquals(List.of("CONFIG_PCI", "CONFIG_USB"), List.copyOf(m.descentGates()));
    assertEquals(List.of("alpha", "mid", "zeta"), List.copyOf(m.mentioned()));
    assertEquals(List.of(DIR.resolve("a.c"), DIR.resolve("z.c")), List.copyOf(m.sources()));
    assertEquals(List.of("CONFIG_PCI", "CONFIG_USB", "CONFIG_Y", "CONFIG_Z"), List.copyOf(m.allGates(e)));
  }

  @Test
  void aLibrarysModuleIsBuiltIn() {
    assertEquals(BuildMode.BUILTIN, BuildMode.LIBRARY.ofModule());
    assertEquals(List.of(BuildMode.MODULE, BuildMode.CONFIGURABLE),
        List.of(BuildMode.values()).stream().filter(BuildMode::mayBeModule).toList());
  }
}
