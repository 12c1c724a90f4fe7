package dev.kmodlint.rules;

import dev.kmodlint.rules.kernel.KernelVersionBranchRule;
import dev.kmodlint.rules.symbol.NamespaceImportUnusedRule;
import dev.kmodlint.rules.symbol.NamespaceNotImportedRule;
import dev.kmodlint.rules.symbol.SymbolNamespaceSyntaxRule;
import dev.kmodlint.rules.symbol.SymbolWrongArgumentCountRule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of issue 15 through {@link RuleTester}: each against the embedded kernels whose
 * headers decide it (6.1 and 6.12), with the cases that must not fire beside those that must.
 */
class KernelCompatibilityRulesTest {
  private static final String KBUILD = "obj-m += m.o\n";

  /** A module whose init function's body is {@code body}, after {@code includes}. */
  private static String module(String includes, String globals, String body) {
    return "// SPDX-License-Identifier: GPL-2.0\n"
        + "#include <linux/module.h>\n"
        + "#include <linux/init.h>\n"
        + includes
        + globals
        + "static int __init m_init(void)\n"
        + "{\n"
        + body
        + "\treturn 0;\n"
        + "}\n"
        + "module_init(m_init);\n"
        + "MODULE_LICENSE(\"GPL\");\n"
        + "MODULE_DESCRIPTION(\"one rule\");\n";
  }

  @Nested
  class WrongArgumentCount {
    private static final String CLASS = "#include <linux/device/class.h>\n";

    @Test
    void theOwnerArgumentOfClassCreateIsTooManyOn612Only() {
      // line 7: the call; 6.1's class_create is a macro of two parameters, 6.12's a function of one
      RuleTester.of(SymbolWrongArgumentCountRule.class)
          .kernels("6.1", "6.12")
          .file("m.c", module(CLASS, "static struct class *c;\n", "\tc = class_create(THIS_MODULE, \"m\");\n"))
          .file("Kbuild", KBUILD)
          .expect(8, 6, "on 6.12 only: class_create() is called with 2 arguments, but Debian linux-headers 6.12")
          .run();
    }

    @Test
    void theNewFormIsTooFewFor61sMacro() {
      RuleTester.of(SymbolWrongArgumentCountRule.class)
          .kernels("6.1", "6.12")
          .file("m.c", module(CLASS, "static struct class *c;\n", "\tc = class_create(\"m\");\n"))
          .file("Kbuild", KBUILD)
          .expect(8, 6, "macro \"class_create\" requires 2 arguments, but only 1 given")
          .run();
    }

    @Test
    void againstOneKernelTheFindingReadsAsAlways() {
      RuleTester.of(SymbolWrongArgumentCountRule.class)
          .kernels("6.12")
          .file("m.c", module("#include <linux/eventfd.h>\n", "static struct eventfd_ctx *e;\n",
              "\teventfd_signal(e, 1);\n"))
          .file("Kbuild", KBUILD)
          .expect(8, 2, "eventfd_signal() is called with 2 arguments, but Debian linux-headers 6.12.117+deb12-amd64"
              + " (6.12.117-1~deb12u1) declares it with 1 parameter: the compiler stops with 'too many arguments")
          .run();
    }

    @Test
    void aKernelMacroAmongTheArgumentsMayBeSeveralArguments() {
      // too few as written, but KML_TWO_ARGS may be a kernel macro that expands to two: not certain
      RuleTester.of(SymbolWrongArgumentCountRule.class)
          .kernels("6.1")
          .file("m.c", module("#include <linux/eventfd.h>\n", "", "\teventfd_signal(KML_TWO_ARGS);\n"))
          .file("Kbuild", KBUILD)
          .expectNone()
          .run();
    }

    @Test
    void theModulesOwnFunctionOfAKernelNameIsItsOwn() {
      RuleTester.of(SymbolWrongArgumentCountRule.class)
          .kernels("6.1", "6.12")
          .file("m.c", module("", "static int eventfd_signal(int a, int b, int c)\n{\n\treturn a + b + c;\n}\n",
              "\teventfd_signal(1, 2, 3);\n"))
          .file("Kbuild", KBUILD)
          .expectNone()
          .run();
    }

    @Test
    void variadicMacrosAndCallsTheVersionTestLeavesOutAreFine() {
      RuleTester.of(SymbolWrongArgumentCountRule.class)
          .kernels("6.1", "6.12")
          .file("m.c", module(CLASS + "#include <linux/version.h>\n", "static struct class *c;\n",
              "\tpr_info(\"%d %d\\n\", 1, 2);\n"
                  + "#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)\n"
                  + "\tc = class_create(\"m\");\n"
                  + "#else\n"
                  + "\tc = class_create(THIS_MODULE, \"m\");\n"
                  + "#endif\n"))
          .file("Kbuild", KBUILD)
          .expectNone()
          .run();
    }
  }

  @Nested
  class NamespaceSyntax {
    private static final String EXPORTER = """
        // SPDX-License-Identifier: GPL-2.0
        #define DEFAULT_SYMBOL_NAMESPACE %s
        #include <linux/module.h>

        int m_fn(void)
        {
        	return 0;
        }
        EXPORT_SYMBOL_GPL(m_fn);
        MODULE_LICENSE("GPL");
        MODULE_DESCRIPTION("exports");
        """;

    @Test
    void aTokenIsWhat61TakesAndAStringWhat612Takes() {
      RuleTester.of(SymbolNamespaceSyntaxRule.class)
          .kernels("6.1", "6.12")
          .file("m.c", EXPORTER.formatted("KML_NS"))
          .file("Kbuild", KBUILD)
          .expect(2, 34, "on 6.12 only: DEFAULT_SYMBOL_NAMESPACE is KML_NS, but Debian linux-headers 6.12")
          .expectFix("m.c", EXPORTER.formatted("\"KML_NS\""))
          .run();
      RuleTester.of(SymbolNamespaceSyntaxRule.class)
          .kernels("6.1", "6.12")
          .file("m.c", EXPORTER.formatted("\"KML_NS\""))
          .file("Kbuild", KBUILD)
          .expect(2, 34, "on 6.1 only: DEFAULT_SYMBOL_NAMESPACE is \"KML_NS\"")
          .expectFix("m.c", EXPORTER.formatted("KML_NS"))
          .run();
    }

    @Test
    void theMakefilesDefineIsCheckedForTheObjectsWithExports() {
      RuleTester.of(SymbolNamespaceSyntaxRule.class)
          .kernels("6.12")
          .file("m.c", EXPORTER.replace("#define DEFAULT_SYMBOL_NAMESPACE %s\n", ""))
          .file("Kbuild", KBUILD + "ccflags-y += -DDEFAULT_SYMBOL_NAMESPACE=KML_NS\n")
          .expect("Kbuild", 2, 1, "the Makefile defines DEFAULT_SYMBOL_NAMESPACE as KML_NS for m.c")
          .run();
      RuleTester.of(SymbolNamespaceSyntaxRule.class)
          .kernels("6.12")
          .file("m.c", EXPORTER.replace("#define DEFAULT_SYMBOL_NAMESPACE %s\n", ""))
          .file("Kbuild", KBUILD + "ccflags-y += '-DDEFAULT_SYMBOL_NAMESPACE=\"KML_NS\"'\n")
          .expectNone()
          .run();
    }

    @Test
    void aStringImportOfANamespaceTheModuleUsesIsAnError() {
      String importer = module("", "extern int m_fn(void);\nMODULE_IMPORT_NS(\"KML_NS\");\n", "\tm_fn();\n");
      RuleTester.of(SymbolNamespaceSyntaxRule.class)
          .kernels("6.1")
          .file("m.c", importer)
          .file("exp/Kbuild", "obj-m += e.o\n")
          .file("exp/e.c", EXPORTER.formatted("KML_NS"))
          .file("Kbuild", "obj-m += m.o exp/\n")
          .expect(5, 1, "imports \"KML_NS\" with its quotes, which is no namespace, while it uses symbols of KML_NS"
              + " (m_fn): modpost refuses it")
          .run();
      // and modpost's own complaint, at the use: the import does not count
      RuleTester.of(NamespaceNotImportedRule.class)
          .kernels("6.1")
          .file("m.c", importer)
          .file("exp/Kbuild", "obj-m += e.o\n")
          .file("exp/e.c", EXPORTER.formatted("KML_NS"))
          .file("Kbuild", "obj-m += m.o exp/\n")
          .expect(8, 2, "module m uses symbol m_fn from namespace KML_NS")
          .run();
    }

    @Test
    void aStringImportOfANamespaceNobodyUsesIsTheUnusedImportsRule() {
      String unused = module("", "MODULE_IMPORT_NS(\"KML_NS\");\n", "");
      RuleTester.of(SymbolNamespaceSyntaxRule.class).kernels("6.1").file("m.c", unused).file("Kbuild", KBUILD)
          .expectNone().run();
      RuleTester.of(NamespaceImportUnusedRule.class).kernels("6.1").file("m.c", unused).file("Kbuild", KBUILD)
          .expect(4, 1, "imports namespace KML_NS but uses none of its symbols").run();
    }
  }

  @Nested
  class NamespaceImportedByAHeader {
    @Test
    void pwmGetNeedsNoImportOn612WhosePwmHeaderImportsIt() {
      RuleTester.of(NamespaceNotImportedRule.class)
          .kernels("6.1", "6.12")
          .file("m.c", module("#include <linux/pwm.h>\n", "", "\tpwm_put(pwm_get(NULL, \"m\"));\n"))
          .file("Kbuild", KBUILD)
          .expectNone()
          .run();
    }

    @Test
    void bpfMapGetMovedIntoANamespaceNoHeaderImports() {
      RuleTester.of(NamespaceNotImportedRule.class)
          .kernels("6.1", "6.12")
          .file("m.c", module("#include <linux/bpf.h>\n", "", "\tbpf_map_get(0);\n"))
          .file("Kbuild", KBUILD)
          .expect(7, 2, "on 6.12 only: module m uses symbol bpf_map_get from namespace BPF_INTERNAL")
          .run();
    }
  }

  @Nested
  class VersionBranch {
    private static final String SYSCORE = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/module.h>
        #include <linux/syscore_ops.h>
        #include <linux/version.h>

        static struct syscore_ops ops;
        static struct syscore sc;

        static int __init m_init(void)
        {
        #if LINUX_VERSION_CODE < KERNEL_VERSION(6, 18, 0)
        	register_syscore_ops(&ops);
        #else
        	register_syscore(&sc);
        #endif
        	return 0;
        }
        module_init(m_init);
        MODULE_LICENSE("GPL");
        MODULE_DESCRIPTION("syscore");
        """;

    @Test
    void debians612TookTheChangeBeforeTheVersionSaysSo() {
      RuleTester.of(KernelVersionBranchRule.class)
          .kernels("6.1", "6.12")
          .file("m.c", SYSCORE)
          .file("Kbuild", KBUILD)
          .expect(11, 1, "on 6.12 only: '#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 18, 0)' selects, for Debian"
              + " linux-headers 6.12.117+deb12-amd64 (6.12.117-1~deb12u1), the branch at line 11, which calls"
              + " register_syscore_ops(): this kernel neither declares it")
          .run();
    }

    @Test
    void noteOnlyWhenTheOtherBranchWouldWork() {
      // neither branch builds on 6.12 (kml_nowhere() is nobody's): no backport to speak of
      RuleTester.of(KernelVersionBranchRule.class)
          .kernels("6.12")
          .file("m.c", SYSCORE.replace("register_syscore(&sc);", "kml_nowhere(&sc);"))
          .file("Kbuild", KBUILD)
          .expectNone()
          .run();
    }

    @Test
    void aTestWhoseBranchBuildsSaysNothing() {
      RuleTester.of(KernelVersionBranchRule.class)
          .kernels("6.1")
          .file("m.c", SYSCORE)
          .file("Kbuild", KBUILD)
          .expectNone()
          .run();
    }
  }
}
