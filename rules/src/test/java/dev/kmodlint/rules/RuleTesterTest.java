package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rules.dkms.DkmsDuplicateModuleRule;
import dev.kmodlint.rules.init.InitNoExitRule;
import dev.kmodlint.rules.kbuild.DeprecatedObjsRule;
import dev.kmodlint.rules.kbuild.DeprecatedVariableRule;
import dev.kmodlint.rules.kconfig.MissingHelpRule;
import dev.kmodlint.rules.license.LicenseUnknownRule;
import dev.kmodlint.rules.meta.UnknownSuppressionRule;
import dev.kmodlint.rules.metadata.DescriptionMissingRule;
import dev.kmodlint.rules.modprobe.UnknownParameterRule;
import dev.kmodlint.rules.param.ParamNonOctalPermissionRule;
import dev.kmodlint.rules.param.ParamWorldWritableRule;
import dev.kmodlint.rules.symbol.GplOnlyRule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One rule of each family through {@link RuleTester}, and the tester itself. */
class RuleTesterTest {
  private static final String KBUILD = "obj-m += m.o\n";

  /** A module that is correct for every rule unless a test changes it. */
  private static final String MODULE = """
      // SPDX-License-Identifier: GPL-2.0
      #include <linux/module.h>
      #include <linux/init.h>

      static int __init m_init(void)
      {
      	return 0;
      }

      static void __exit m_exit(void)
      {
      }

      module_init(m_init);
      module_exit(m_exit);
      MODULE_LICENSE("GPL");
      MODULE_DESCRIPTION("a module for one rule");
      """;

  @Nested
  class Param {
    private static final String WORLD_WRITABLE = """
        #include <linux/module.h>
        #include <linux/moduleparam.h>

        static int debug;
        module_param(debug, int, 0666);
        MODULE_PARM_DESC(debug, "debug level");
        MODULE_LICENSE("GPL");
        """;

    @Test
    void worldWritableFiresOnThePermissionAndItsFixLetsOnlyTheOwnerWrite() {
      RuleTester.of(ParamWorldWritableRule.class)
          .file("m.c", WORLD_WRITABLE)
          .file("Kbuild", KBUILD)
          .expect(5, 26, "is world-writable (0666)")
          .expectFix("m.c", WORLD_WRITABLE.replace("0666", "0644"))
          .run();
    }

    @Test
    void worldWritableLeavesGroupWriteAlone() {
      RuleTester.of(ParamWorldWritableRule.class)
          .file("m.c", WORLD_WRITABLE.replace("0666", "0664"))
          .file("Kbuild", KBUILD)
          .expectNone()
          .run();
    }

    @Test
    void nonOctalPermissionIsRewrittenInOctalByItsFix() {
      String source = """
          #include <linux/module.h>
          static int a, b;
          module_param(a, int, 644);
          module_param(b, int, 0644);
          MODULE_LICENSE("GPL");
          """;
      RuleTester.of(ParamNonOctalPermissionRule.class)
          .file("m.c", source)
          .file("Kbuild", KBUILD)
          .expect(3, 22, "permission 644 of parameter a is decimal (01204 in octal)")
          .expectFix("m.c", source.replace("int, 644)", "int, 0644)"))
          .run();
    }
  }

  @Nested
  class Dkms {
    private static final String CONF = """
        PACKAGE_NAME=m
        PACKAGE_VERSION=1.0
        BUILT_MODULE_NAME[0]="m"
        DEST_MODULE_LOCATION[0]="/updates"
        BUILT_MODULE_NAME[1]="m"
        DEST_MODULE_LOCATION[1]="/updates"
        """;

    @Test
    void aModuleNamedTwiceFiresOnTheSecondName() {
      RuleTester.of(DkmsDuplicateModuleRule.class)
          .file("dkms.conf", CONF)
          .file("m.c", MODULE)
          .file("Kbuild", KBUILD)
          .expect(5, 1, "BUILT_MODULE_NAME[1] repeats BUILT_MODULE_NAME[0] ('m')")
          .run();
    }

    @Test
    void twoDifferentModulesAreFine() {
      RuleTester.of(DkmsDuplicateModuleRule.class)
          .file("dkms.conf", CONF.replace("BUILT_MODULE_NAME[1]=\"m\"", "BUILT_MODULE_NAME[1]=\"n\""))
          .file("m.c", MODULE)
          .file("n.c", MODULE)
          .file("Kbuild", "obj-m += m.o n.o\n")
          .expectNone()
          .run();
    }
  }

  @Nested
  class Init {
    @Test
    void moduleInitWithoutModuleExitFiresOnModuleInit() {
      RuleTester.of(InitNoExitRule.class)
          .file("m.c", MODULE.replace("module_exit(m_exit);\n", ""))
          .file("Kbuild", KBUILD)
          .expect(14, 1, "module m has module_init(m_init) but no module_exit")
          .run();
    }

    @Test
    void moduleInitWithModuleExitIsFine() {
      RuleTester.of(InitNoExitRule.class).file("m.c", MODULE).file("Kbuild", KBUILD).expectNone().run();
    }
  }

  @Nested
  class Kbuild {
    @Test
    void extraCflagsFiresOnItsAssignment() {
      RuleTester.of(DeprecatedVariableRule.class)
          .file("Kbuild", "obj-m += m.o\nEXTRA_CFLAGS += -DDEBUG\n")
          .file("m.c", MODULE)
          .expect(2, 1, "EXTRA_CFLAGS is deprecated; use ccflags-y")
          .run();
    }

    @Test
    void aFixOfSeveralEditsIsAppliedWhole() {
      String kbuild = "obj-m += m.o\nm-objs := a.o\nm-objs += b.o\n";
      RuleTester.of(DeprecatedObjsRule.class)
          .file("Kbuild", kbuild)
          .file("a.c", MODULE)
          .file("b.c", "int b;\n")
          .expect(2, 1, "write m-y")
          .expectFix("Kbuild", kbuild.replace("m-objs", "m-y"))
          .run();
    }

    @Test
    void ccflagsIsFine() {
      RuleTester.of(DeprecatedVariableRule.class)
          .file("Kbuild", "obj-m += m.o\nccflags-y += -DDEBUG\n")
          .file("m.c", MODULE)
          .expectNone()
          .run();
    }
  }

  @Nested
  class Kconfig {
    @Test
    void aPromptWithoutHelpFiresOnTheConfigLine() {
      RuleTester.of(MissingHelpRule.class)
          .file("Kconfig", """
              config M_DEBUG
              	bool "Debug output for m"

              config M_HIDDEN
              	bool
              """)
          .file("Kbuild", "obj-$(CONFIG_M) += m.o\n")
          .file("m.c", MODULE)
          .expect(1, 8, "M_DEBUG has a prompt (\"Debug output for m\") but no help text")
          .run();
    }

    @Test
    void aPromptWithHelpIsFine() {
      RuleTester.of(MissingHelpRule.class)
          .file("Kconfig", """
              config M_DEBUG
              	bool "Debug output for m"
              	help
              	  Say Y to log every request.
              """)
          .file("Kbuild", "obj-$(CONFIG_M) += m.o\n")
          .file("m.c", MODULE)
          .expectNone()
          .run();
    }
  }

  @Nested
  class License {
    @Test
    void gplv2FiresWithTheIdentItMeant() {
      RuleTester.of(LicenseUnknownRule.class)
          .file("m.c", MODULE.replace("MODULE_LICENSE(\"GPL\")", "MODULE_LICENSE(\"GPLv2\")"))
          .file("Kbuild", KBUILD)
          .expect(16, 1, "unknown module license \"GPLv2\"")
          .run();
    }

    @Test
    void dualBsdGplIsKnown() {
      RuleTester.of(LicenseUnknownRule.class)
          .file("m.c", MODULE.replace("MODULE_LICENSE(\"GPL\")", "MODULE_LICENSE(\"Dual BSD/GPL\")"))
          .file("Kbuild", KBUILD)
          .expectNone()
          .run();
    }

    @Test
    void aLicenseMacroFromAnUnreadHeaderIsSkippedNotGuessed() {
      RuleTester.of(LicenseUnknownRule.class)
          .file("m.c", MODULE.replace("MODULE_LICENSE(\"GPL\")", "MODULE_LICENSE(VENDOR_LICENSE)")
              .replace("#include <linux/init.h>", "#include <linux/init.h>\n#include <vendor/license.h>"))
          .file("Kbuild", KBUILD)
          .expectNone()
          .expectNotification("rule-skipped", "m.c", 17, "a macro defined in a header kmodlint does not read")
          .run();
    }
  }

  @Nested
  class Meta {
    @Test
    void aMisspeltRuleIdFiresOnTheComment() {
      RuleTester.of(UnknownSuppressionRule.class)
          .file("m.c", MODULE.replace("module_init(m_init);",
              "/* kmodlint-disable-next-line meta/unknown-supression */\nmodule_init(m_init);"))
          .file("Kbuild", KBUILD)
          .expect(14, 31, "names 'meta/unknown-supression', which is neither a rule nor a family")
          .run();
    }

    @Test
    void theRuleItselfAndItsFamilyAreKnown() {
      // ruleIds() of a RuleTester run is the one rule under test, so only meta/ IDs are known here
      RuleTester.of(UnknownSuppressionRule.class)
          .file("m.c", MODULE.replace("module_init(m_init);",
              "/* kmodlint-disable-next-line meta */\nmodule_init(m_init); // kmodlint-disable-line meta/unknown-suppression"))
          .file("Kbuild", KBUILD)
          .expectNone()
          .run();
    }
  }

  @Nested
  class Metadata {
    @Test
    void noDescriptionFiresOnTheLicenseLine() {
      RuleTester.of(DescriptionMissingRule.class)
          .file("m.c", MODULE.replace("MODULE_DESCRIPTION(\"a module for one rule\");\n", ""))
          .file("Kbuild", KBUILD)
          .expect(16, 1, "module m has no MODULE_DESCRIPTION()")
          .run();
    }

    @Test
    void aDescriptionInAnotherObjectOfTheModuleCounts() {
      RuleTester.of(DescriptionMissingRule.class)
          .file("main.c", MODULE.replace("MODULE_DESCRIPTION(\"a module for one rule\");\n", ""))
          .file("desc.c", "#include <linux/module.h>\nMODULE_DESCRIPTION(\"described elsewhere\");\n")
          .file("Kbuild", "obj-m += m.o\nm-y := main.o desc.o\n")
          .expectNone()
          .run();
    }
  }

  @Nested
  class Modprobe {
    private static final String WITH_PARAM = MODULE.replace("#include <linux/init.h>\n",
        "#include <linux/init.h>\n\nstatic int rate = 1;\nmodule_param(rate, int, 0444);\n");

    @Test
    void anOptionTheModuleDoesNotDeclareFiresOnTheOption() {
      RuleTester.of(UnknownParameterRule.class)
          .file("modprobe.d/m.conf", "options m rate=2 speed=3\n")
          .file("m.c", WITH_PARAM)
          .file("Kbuild", KBUILD)
          .expect(1, 18, "module m has no parameter 'speed'")
          .run();
    }

    @Test
    void dashesAndUnderscoresAreTheSameAndDyndbgIsTheKernels() {
      RuleTester.of(UnknownParameterRule.class)
          .file("modprobe.d/m.conf", "options m rate=2 dyndbg=+p\n")
          .file("m.c", WITH_PARAM)
          .file("Kbuild", KBUILD)
          .expectNone()
          .run();
    }
  }

  @Nested
  class Symbol {
    private static final String USES_DEBUGFS = MODULE
        .replace("#include <linux/init.h>\n", "#include <linux/init.h>\n#include <linux/debugfs.h>\n")
        .replace("\treturn 0;", "\treturn debugfs_create_dir(\"m\", NULL) ? 0 : -1;");

    @Test
    void aProprietaryModuleUsingAGplOnlyExportFiresOnTheUse() {
      RuleTester.of(GplOnlyRule.class)
          .file("m.c", USES_DEBUGFS.replace("MODULE_LICENSE(\"GPL\")", "MODULE_LICENSE(\"Proprietary\")"))
          .file("Kbuild", KBUILD)
          .expect(8, 9, "debugfs_create_dir")
          .run();
    }

    @Test
    void aGplModuleMayUseIt() {
      RuleTester.of(GplOnlyRule.class).file("m.c", USES_DEBUGFS).file("Kbuild", KBUILD).expectNone().run();
    }
  }

  /** The tester must fail where a rule is wrong: each kind of difference, and all of them at once. */
  @Nested
  class TheTesterItself {
    private RuleTester worldWritable() {
      return RuleTester.of(ParamWorldWritableRule.class).file("m.c", Param.WORLD_WRITABLE).file("Kbuild", KBUILD);
    }

    @Test
    void aFindingNobodyExpectedFails() {
      AssertionError e = assertThrows(AssertionError.class, () -> worldWritable().expectNone().run());
      assertTrue(e.getMessage().contains("unexpected finding: m.c:5:26: parameter debug is world-writable"),
          e.getMessage());
    }

    @Test
    void theWrongColumnTheWrongLineAndTheWrongFragmentEachFail() {
      for (RuleTester t : List.of(worldWritable().expect(5, 25, "0666"), worldWritable().expect(4, 26, "0666"),
          worldWritable().expect(5, 26, "0777"))) {
        AssertionError e = assertThrows(AssertionError.class, t::run);
        assertTrue(e.getMessage().contains("missing finding: m.c:") && e.getMessage().contains("unexpected finding: m.c:5:26"),
            e.getMessage());
        assertTrue(e.getMessage().contains("2 differences"), e.getMessage());
      }
    }

    @Test
    void aWrongFixFailsWithTheTextItGave() {
      AssertionError e = assertThrows(AssertionError.class, () -> worldWritable().expect(5, 26, "0666")
          .expectFix("m.c", Param.WORLD_WRITABLE.replace("0666", "0664")).run());
      assertTrue(e.getMessage().contains("module_param(debug, int, 0644);"), e.getMessage());
    }

    @Test
    void anExpectedNotificationThatDoesNotComeFails() {
      AssertionError e = assertThrows(AssertionError.class, () -> worldWritable().expect(5, 26, "0666")
          .expectNotification("rule-skipped", "m.c", 5, "anything").run());
      assertTrue(e.getMessage().contains("missing notification: [rule-skipped] at m.c:5"), e.getMessage());
    }

    @Test
    void aTestThatSaysNothingIsRefused() {
      assertThrows(IllegalStateException.class, () -> worldWritable().run());
    }

    @Test
    void fixesAreAppliedByLineAndUtf16Column() {
      Path f = Path.of("/x.c");
      String text = "a\n/* é */ b = 1;\nc\n";
      assertEquals("a\n/* é */ bb = 22;\nc\n", RuleTester.applyFixes(text, List.of(
          new Finding.Fix("", new SourcePosition(f, 2, 13, 2, 14), "22"),
          new Finding.Fix("", new SourcePosition(f, 2, 9, 2, 10), "bb"))));
      assertEquals("a\nX\n", RuleTester.applyFixes(text, List.of(
          new Finding.Fix("", new SourcePosition(f, 2, 1, 3, 2), "X"))));
      assertThrows(IllegalArgumentException.class, () -> RuleTester.applyFixes(text, List.of(
          new Finding.Fix("", new SourcePosition(f, 2, 1, 2, 5), "x"),
          new Finding.Fix("", new SourcePosition(f, 2, 3, 2, 7), "y"))));
    }
  }
}
