package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.Notification;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rules.license.LicenseMissingRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A kernel tree scanned from above arch/ is built for the target kernel's architecture alone
 * (x86 for the built-in kernels): the other architectures' directories, and User-Mode Linux's
 * arch/x86/um, which only arch/um/Makefile enters, are left out with a note (issue 14).
 */
class OtherArchitecturesTest {
  private static final String NO_LICENSE = """
      #include <linux/module.h>
      static int __init m_init(void)
      {
      	return 0;
      }
      module_init(m_init);
      """;

  private static RuleTester kernelTree() {
    return RuleTester.of(LicenseMissingRule.class)
        .file("Kconfig", "mainmenu \"corpus kernel\"\n")
        .file("Kbuild", "obj-y += drivers/\n")
        .file("Makefile", "# the top Makefile of a kernel tree\n")
        .file("drivers/Makefile", "obj-m += x86only.o\n")
        .file("drivers/x86only.c", NO_LICENSE)
        .file("arch/x86/Makefile", "obj-m += x86mod.o\n")
        .file("arch/x86/x86mod.c", NO_LICENSE)
        .file("arch/x86/um/Makefile", "obj-m += umlmod.o\n")
        .file("arch/x86/um/umlmod.c", NO_LICENSE)
        .file("arch/mips/Makefile", "obj-m += mipsmod.o\n")
        .file("arch/mips/mipsmod.c", NO_LICENSE);
  }

  @Test
  void onlyTheTargetArchitectureIsReadAndTheOthersAreNamedInANote() {
    AnalysisResult r = kernelTree()
        .expect("drivers/x86only.c", 6, 1, "module x86only has no MODULE_LICENSE()")
        .expect("arch/x86/x86mod.c", 6, 1, "module x86mod has no MODULE_LICENSE()")
        .run();
    List<Notification> skipped = r.notifications().stream()
        .filter(n -> n.id().equals("other-architectures-skipped")).toList();
    assertEquals(1, skipped.size(), r.notifications().toString());
    assertTrue(skipped.get(0).message().contains("2 architecture directories"), skipped.get(0).message());
    assertTrue(skipped.get(0).message().contains("(mips x86/um)"), skipped.get(0).message());
  }
}
