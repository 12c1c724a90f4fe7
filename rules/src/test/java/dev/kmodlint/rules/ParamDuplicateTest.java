package dev.kmodlint.rules;

import dev.kmodlint.rules.param.ParamDuplicateRule;
import org.junit.jupiter.api.Test;

/**
 * Where two parameters of one name are: one object (a build error), two objects of one module
 * (it builds; the load fails only with two sysfs files), one header read by two objects.
 */
class ParamDuplicateTest {
  private static final String KBUILD = "obj-m += m.o\nm-y := a.o b.o\n";
  private static final String MAIN = """
      #include <linux/module.h>
      #include "p.h"
      static int __init m_init(void)
      {
      	return 0;
      }
      module_init(m_init);
      MODULE_LICENSE("GPL");
      """;

  @Test
  void aHeaderTwoObjectsIncludeIsNoDuplicateButTheSameNameInAnObjectThatIncludesItIs() {
    RuleTester.of(ParamDuplicateRule.class)
        .file("b.c", """
            #include <linux/module.h>
            #include "p.h"
            static int shared_b;
            module_param_named(shared, shared_b, int, 0);
            """)
        .file("a.c", MAIN)
        .file("p.h", "static int shared;\nmodule_param(shared, int, 0444);\n")
        .file("Kbuild", KBUILD)
        // b.o's unit defines __param_shared twice (p.h's and its own): it does not compile
        .expect("b.c", 4, 1, "parameter shared is declared twice in module m")
        .run();
  }

  @Test
  void aPermissionKmodlintCannotEvaluateIsAWarningThatSaysWhatItWouldMean() {
    RuleTester.of(ParamDuplicateRule.class)
        .file("b.c", """
            #include <linux/module.h>
            static int level;
            module_param(level, int, M_LEVEL_PERM);
            """)
        .file("a.c", MAIN.replace("#include \"p.h\"", "static int level;\nmodule_param(level, int, 0444);"))
        .file("Kbuild", KBUILD)
        .expect("b.c", 3, 1, "cannot evaluate M_LEVEL_PERM), the module also fails to load")
        .run();
  }
}
