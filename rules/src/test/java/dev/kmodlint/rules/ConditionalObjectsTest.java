package dev.kmodlint.rules;

import dev.kmodlint.rules.kbuild.MissingSourceRule;
import dev.kmodlint.rules.kbuild.SelfReferenceRule;
import dev.kmodlint.rules.license.LicenseMissingRule;
import dev.kmodlint.rules.param.ParamDuplicateRule;
import org.junit.jupiter.api.Test;

/**
 * Objects a Makefile lists only under a conditional on a value only the build knows: rules that
 * need certainty about what is built skip them with a note (issue 14).
 */
class ConditionalObjectsTest {
  private static final String MODULE = """
      #include <linux/module.h>
      static int __init m_init(void)
      {
      	return 0;
      }
      module_init(m_init);
      MODULE_LICENSE("GPL");
      """;

  @Test
  void aMissingSourceListedOnlyForAnotherArchitectureIsNoted() {
    RuleTester.of(MissingSourceRule.class)
        .file("Makefile", """
            obj-m += m.o
            m-y := main.o
            ifeq ($(ARCH),arm64)
            m-y += arm64.o
            endif
            """)
        .file("main.c", MODULE)
        .expectNone()
        .expectNotification("rule-skipped", "Makefile", 4, "lists it only when ifeq ($(ARCH),arm64)")
        .run();
  }

  @Test
  void aMissingSourceUnderAConditionalTheFileDecidesIsReported() {
    RuleTester.of(MissingSourceRule.class)
        .file("Makefile", """
            M_EXTRA = y
            obj-m += m.o
            m-y := main.o
            ifeq ($(M_EXTRA),y)
            m-y += extra.o
            endif
            """)
        .file("main.c", MODULE)
        .expect(5, 8, "extra.o has no source")
        .run();
  }

  @Test
  void aConditionalModuleObjectWithoutSourceIsNoted() {
    RuleTester.of(MissingSourceRule.class)
        .file("Makefile", "obj-m += m.o\nifdef M_WITH_TOOL\nobj-m += tool.o\nendif\n")
        .file("m.c", MODULE)
        .expectNone()
        .expectNotification("rule-skipped", "Makefile", 3, "tool.o has no source")
        .run();
  }

  @Test
  void aConditionalSelfReferenceIsNoted() {
    RuleTester.of(SelfReferenceRule.class)
        .file("Makefile", "obj-m += m.o\nm-y := core.o\nifdef M_SELF\nm-y += m.o\nendif\n")
        .file("core.c", MODULE)
        .file("m.c", "int m_x;\n")
        .expectNone()
        .expectNotification("rule-skipped", "Makefile", 4, "the composite object itself, but only when")
        .run();
  }

  private static final String BUS = """
      #include <linux/module.h>
      static int bus_id;
      module_param(bus_id, int, 0444);
      """;

  @Test
  void oneParameterInTwoAlternativeObjectsIsNoted() {
    RuleTester.of(ParamDuplicateRule.class)
        .file("pci.c", BUS)
        .file("usb.c", BUS)
        .file("main.c", MODULE)
        .file("Makefile", "obj-m += m.o\nm-y := main.o\nifeq ($(BUS),pci)\nm-y += pci.o\nelse\nm-y += usb.o\nendif\n")
        .expectNone()
        .expectNotification("rule-skipped", "usb.c", 3, "parameter bus_id of module m is declared in two objects")
        .run();
  }

  @Test
  void oneParameterInTwoObjectsAlwaysLinkedTogetherIsReported() {
    RuleTester.of(ParamDuplicateRule.class)
        .file("pci.c", BUS)
        .file("usb.c", BUS)
        .file("main.c", MODULE)
        .file("Makefile", "obj-m += m.o\nm-y := main.o pci.o usb.o\n")
        .expect("usb.c", 3, 1, "parameter bus_id is declared in two objects of module m (pci.c and usb.c), both with a sysfs file")
        .run();
  }

  @Test
  void aConditionalObjectWithoutSourceDoesNotHideAMissingLicense() {
    RuleTester.of(LicenseMissingRule.class)
        .file("main.c", MODULE.replace("MODULE_LICENSE(\"GPL\");\n", ""))
        .file("Makefile", "obj-m += m.o\nm-y := main.o\nifeq ($(ARCH),arm64)\nm-y += arm64.o\nendif\n")
        .expect("main.c", 6, 1, "")
        .run();
  }
}
