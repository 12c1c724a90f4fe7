package dev.kmodlint.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KbuildModelTest {
  @Test
  void aLibrarysModuleIsBuiltIn() {
    assertEquals(BuildMode.BUILTIN, BuildMode.LIBRARY.ofModule());
    assertEquals(List.of(BuildMode.MODULE, BuildMode.CONFIGURABLE),
        List.of(BuildMode.values()).stream().filter(BuildMode::mayBeModule).toList());
  }
}
