package dev.kmodlint.rules;

import dev.kmodlint.rules.dkms.DkmsUnknownModuleRule;
import dev.kmodlint.rules.license.LicenseMissingRule;
import org.junit.jupiter.api.Test;

/**
 * Out-of-tree layouts whose wrapper Makefile arranges the build itself (issue 14, CoreFreq):
 * per-architecture copies of the module's source that the Makefile links into place for the
 * machine it builds on, and a module built in another directory (make M=$(PWD)/build).
 */
class WrapperLayoutsTest {
  private static final String NO_LICENSE = """
      #include <linux/module.h>
      static int __init m_init(void)
      {
      	return 0;
      }
      module_init(m_init);
      """;
  private static final String MODULE = NO_LICENSE + "MODULE_LICENSE(\"GPL\");\n";

  @Test
  void cFilesBelowABuildingMakefileThatListsNoneOfThemAreNotModules() {
    RuleTester.of(LicenseMissingRule.class)
        .file("Makefile", "obj-m := m.o\n")
        .file("m.c", MODULE)
        .file("x86_64/m.c", NO_LICENSE)
        .file("aarch64/m.c", NO_LICENSE)
        .expectNone()
        .expectNotification("module-not-built", "aarch64/m.c", 1, "2 C file(s) with module_init")
        .run();
  }

  @Test
  void aBareDirectoryOfSourcesStillMakesModulesOfItsOwn() {
    RuleTester.of(LicenseMissingRule.class)
        .file("x86_64/m.c", NO_LICENSE)
        .expect("x86_64/m.c", 6, 1, "module m has no MODULE_LICENSE()")
        .run();
  }

  @Test
  void aSubdirectoryWithItsOwnMakefileIsReadAsItsMakefileSays() {
    RuleTester.of(LicenseMissingRule.class)
        .file("Makefile", "obj-m := m.o\n")
        .file("m.c", MODULE)
        .file("sub/Makefile", "obj-m := s.o\n")
        .file("sub/s.c", NO_LICENSE)
        .expect("sub/s.c", 6, 1, "module s has no MODULE_LICENSE()")
        .run();
  }

  private static final String CONF = """
      PACKAGE_NAME=m
      PACKAGE_VERSION=1.0
      BUILT_MODULE_NAME[0]="m"
      BUILT_MODULE_LOCATION[0]="%s"
      DEST_MODULE_LOCATION[0]="/updates"
      """;

  @Test
  void aModuleTheMakefileBuildsInTheDirectoryDkmsNamesIsNotReported() {
    RuleTester.of(DkmsUnknownModuleRule.class)
        .file("dkms.conf", CONF.formatted("build/"))
        .file("Makefile", """
            BUILD ?= build
            obj-m := m.o
            all:
            \t$(MAKE) -C $(KERNELDIR) M=$(PWD)/$(BUILD) modules
            """)
        .file("m.c", MODULE)
        .expectNone()
        .expectNotification("rule-skipped", "dkms.conf", 4, "names 'build', where its recipes may build the module")
        .run();
  }

  @Test
  void aLocationTheMakefileNeverNamesIsStillReported() {
    RuleTester.of(DkmsUnknownModuleRule.class)
        .file("dkms.conf", CONF.formatted("out/"))
        .file("Makefile", "obj-m := m.o\n")
        .file("m.c", MODULE)
        .expect("dkms.conf", 4, 26, "module m is built in the package directory, not in 'out/'")
        .run();
  }

  @Test
  void aModuleListedWithItsDirectoryIsNamedAsKbuildNamesItAndBuiltThere() {
    RuleTester.of(DkmsUnknownModuleRule.class)
        .file("dkms.conf", CONF.formatted("src/") + """
            BUILT_MODULE_NAME[1]="n"
            BUILT_MODULE_LOCATION[1]="src/sub/"
            DEST_MODULE_LOCATION[1]="/updates"
            """)
        .file("Makefile", "obj-m := ./src/m.o src/sub/n.o\n")
        .file("src/m.c", MODULE)
        .file("src/sub/n.c", MODULE)
        .expectNone()
        .run();
  }

  @Test
  void aModuleListedWithItsDirectoryIsNotFoundWhereItIsNotBuilt() {
    RuleTester.of(DkmsUnknownModuleRule.class)
        .file("dkms.conf", CONF.formatted(""))
        .file("Makefile", "obj-m := ./src/m.o\n")
        .file("src/m.c", MODULE)
        .expect("dkms.conf", 4, 26, "module m is built in src/, not in the package directory")
        .run();
  }
}
