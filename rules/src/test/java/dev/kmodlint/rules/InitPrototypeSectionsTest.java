package dev.kmodlint.rules;

import dev.kmodlint.rules.init.InitExportOfInitRule;
import dev.kmodlint.rules.init.InitMissingAnnotationRule;
import dev.kmodlint.rules.init.InitSectionMismatchRule;
import dev.kmodlint.rules.init.InitWrongAnnotationRule;
import org.junit.jupiter.api.Test;

/**
 * gcc merges the attributes of a name's declarations in one translation unit: a section on a
 * prototype is the definition's section, for every init rule (issue 14: ati_remote2_probe).
 */
class InitPrototypeSectionsTest {
  private static final String KBUILD = "obj-m += m.o\n";

  private static final String PROBE = """
      #include <linux/module.h>
      #include <linux/platform_device.h>

      static int __init m_probe(struct platform_device *);

      static int m_probe(struct platform_device *pdev)
      {
      	return 0;
      }

      static struct platform_driver m_driver = {
      	.probe = m_probe,
      	.driver = { .name = "m" },
      };
      module_platform_driver(m_driver);
      MODULE_LICENSE("GPL");
      """;

  @Test
  void anInitPrototypeMakesTheDriversProbeAMismatch() {
    RuleTester.of(InitSectionMismatchRule.class)
        .file("m.c", PROBE)
        .file("Kbuild", KBUILD)
        .expect(12, 11, "m_driver (.data) references m_probe (.init.text)")
        .run();
  }

  @Test
  void aPlainPrototypeLeavesThePlainDefinitionAlone() {
    RuleTester.of(InitSectionMismatchRule.class)
        .file("m.c", PROBE.replace("static int __init m_probe(struct", "static int m_probe(struct"))
        .file("Kbuild", KBUILD)
        .expectNone()
        .run();
  }

  @Test
  void anInitDefinitionStaysInitAfterAPlainPrototype() {
    RuleTester.of(InitSectionMismatchRule.class)
        .file("m.c", """
            #include <linux/module.h>

            static int __init m_setup(void)
            {
            	return 0;
            }
            static int m_setup(void);

            int m_resume(void)
            {
            	return m_setup();
            }
            EXPORT_SYMBOL_GPL(m_resume);
            MODULE_LICENSE("GPL");
            """)
        .file("Kbuild", KBUILD)
        .expect(11, 9, "m_resume (.text) references m_setup (.init.text)")
        .run();
  }

  @Test
  void aPrototypeInAnotherObjectDoesNotMoveTheDefinition() {
    RuleTester.of(InitSectionMismatchRule.class)
        .file("a.c", """
            #include <linux/module.h>

            int __init m_setup(void);

            int m_resume(void)
            {
            	return m_setup();
            }
            EXPORT_SYMBOL_GPL(m_resume);
            MODULE_LICENSE("GPL");
            """)
        .file("b.c", "int m_setup(void)\n{\n\treturn 0;\n}\n")
        .file("Kbuild", "obj-m += m.o\nm-y := a.o b.o\n")
        .expectNone()
        .run();
  }

  @Test
  void entryPointsAnnotatedOnTheirPrototypesAreAnnotated() {
    RuleTester.of(InitMissingAnnotationRule.class)
        .file("m.c", """
            #include <linux/module.h>
            #include <linux/init.h>

            static int __init m_init(void);
            static void __exit m_exit(void);

            static int m_init(void)
            {
            	return 0;
            }

            static void m_exit(void)
            {
            }

            module_init(m_init);
            module_exit(m_exit);
            MODULE_LICENSE("GPL");
            """)
        .file("Kbuild", KBUILD)
        .expectNone()
        .run();
  }

  @Test
  void aWrongSectionOnThePrototypePointsAtThePrototype() {
    RuleTester.of(InitWrongAnnotationRule.class)
        .file("m.c", """
            #include <linux/module.h>
            #include <linux/init.h>

            static void __init m_exit(void);

            static int __init m_init(void)
            {
            	return 0;
            }

            static void m_exit(void)
            {
            }

            module_init(m_init);
            module_exit(m_exit);
            MODULE_LICENSE("GPL");
            """)
        .file("Kbuild", KBUILD)
        .expect(16, 1, "module_exit function m_exit is __init")
        .run();
  }

  @Test
  void exportingAFunctionInitOnlyThroughItsPrototype() {
    RuleTester.of(InitExportOfInitRule.class)
        .file("m.c", """
            #include <linux/module.h>

            int __init m_setup(void);

            int m_setup(void)
            {
            	return 0;
            }
            EXPORT_SYMBOL_GPL(m_setup);
            MODULE_LICENSE("GPL");
            """)
        .file("Kbuild", KBUILD)
        .expect(9, 1, "m_setup")
        .run();
  }
}
