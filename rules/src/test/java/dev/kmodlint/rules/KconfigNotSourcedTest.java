package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.Notification;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rules.kconfig.RecursiveDependencyRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In a kernel tree scanned from its top, kconfig reads the top Kconfig, what it sources and the
 * architecture's Kconfig files (sourced through $(SRCARCH)); a Kconfig file none of them reaches
 * (kconfig's test inputs, Documentation's examples) is left out with a note, as the other
 * architectures' directories are (issue 14: the whole tree's deliberate recursion fixtures).
 */
class KconfigNotSourcedTest {
  private static final String RECURSIVE = """
      config %1$s_A
      	bool "a"
      	depends on %1$s_B

      config %1$s_B
      	bool "b"
      	depends on %1$s_A
      """;

  @Test
  void aKconfigFileTheKernelsKconfigDoesNotReachIsLeftOutWithANote() {
    AnalysisResult r = RuleTester.of(RecursiveDependencyRule.class)
        .file("Kconfig", "mainmenu \"corpus kernel\"\n\nsource \"drivers/Kconfig\"\nsource \"arch/$(SRCARCH)/Kconfig\"\n")
        .file("Kbuild", "obj-y += drivers/\n")
        .file("Makefile", "# the top Makefile of a kernel tree\n")
        .file("drivers/Kconfig", RECURSIVE.formatted("DRV"))
        .file("arch/x86/Kconfig", RECURSIVE.formatted("ARCHX"))
        .file("scripts/kconfig/tests/err_dep/Kconfig", RECURSIVE.formatted("FIXTURE"))
        .file("Documentation/kbuild/Kconfig.recursion-example", RECURSIVE.formatted("DOC"))
        .expect("drivers/Kconfig", 1, 8, "DRV_A")
        .expect("arch/x86/Kconfig", 1, 8, "ARCHX_A")
        .run();
    List<Notification> left = r.notifications().stream().filter(n -> n.id().equals("kconfig-not-sourced")).toList();
    assertEquals(1, left.size(), r.notifications().toString());
    assertTrue(left.get(0).message().startsWith("2 Kconfig files"), left.get(0).message());
    assertTrue(left.get(0).message().contains("scripts/kconfig/tests/err_dep/Kconfig"), left.get(0).message());
  }

  @Test
  void outOfTheKernelTreeEveryKconfigFileIsRead() {
    RuleTester.of(RecursiveDependencyRule.class)
        .file("Kconfig", RECURSIVE.formatted("PKG"))
        .file("tests/Kconfig", RECURSIVE.formatted("TESTS"))
        .file("Makefile", "obj-m += m.o\n")
        .expect("Kconfig", 1, 8, "PKG_A")
        .expect("tests/Kconfig", 1, 8, "TESTS_A")
        .run();
  }
}
