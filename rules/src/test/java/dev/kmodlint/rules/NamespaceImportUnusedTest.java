package dev.kmodlint.rules;

import dev.kmodlint.rules.symbol.NamespaceImportUnusedRule;
import org.junit.jupiter.api.Test;

/**
 * An import of a namespace whose symbols the module uses but the target configuration does not
 * export is needed elsewhere; one whose use nothing known exports is not judged (issue 14).
 */
class NamespaceImportUnusedTest {
  private static final String KBUILD = "obj-m += m.o\n";

  private static String module(String includes, String body, String namespace) {
    return """
        #include <linux/module.h>
        %s
        static int __init m_init(void)
        {
        	%s
        	return 0;
        }
        module_init(m_init);
        MODULE_IMPORT_NS(%s);
        MODULE_LICENSE("GPL");
        """.formatted(includes, body, namespace);
  }

  @Test
  void anImportNothingUsesIsReported() {
    RuleTester.of(NamespaceImportUnusedRule.class)
        .file("m.c", module("", "pr_info(\"m\\n\");", "COUNTER"))
        .file("Kbuild", KBUILD)
        .expect(9, 1, "imports namespace COUNTER but uses none of its symbols")
        .run();
  }

  @Test
  void aSymbolOfTheNamespaceFromAnObjectThisConfigurationDoesNotBuildNeedsIt() {
    // drivers/counter exports counter_alloc in COUNTER; Debian's 6.1 has CONFIG_COUNTER off
    RuleTester.of(NamespaceImportUnusedRule.class)
        .file("m.c", module("#include <linux/counter.h>\n", "counter_alloc(0);", "COUNTER"))
        .file("Kbuild", KBUILD)
        .expectNone()
        .run();
  }

  @Test
  void anUnbuiltSymbolOfAnotherNamespaceDoesNot() {
    // exported without a namespace by drivers/acpi/irq.c, not built in this configuration
    RuleTester.of(NamespaceImportUnusedRule.class)
        .file("m.c", module("extern int acpi_gsi_to_irq(unsigned int gsi, unsigned int *irq);\n",
            "acpi_gsi_to_irq(0, NULL);", "COUNTER"))
        .file("Kbuild", KBUILD)
        .expect(10, 1, "COUNTER")
        .run();
  }

  @Test
  void aSymbolNothingKnownExportsLeavesTheImportUnjudgedWithANote() {
    RuleTester.of(NamespaceImportUnusedRule.class)
        .file("m.c", module("extern int vendor_core_register(const char *name);\n",
            "vendor_core_register(\"m\");", "VENDOR_CORE"))
        .file("Kbuild", KBUILD)
        .expectNone()
        .expectNotification("rule-skipped", "m.c", 10, "whose namespace cannot be known")
        .run();
  }
}
