package dev.kmodlint.rules;

import dev.kmodlint.rules.param.ParamWriteIneffectiveRule;
import org.junit.jupiter.api.Test;

/** A writable parameter read only by __init code, unless its address escapes (issue 14). */
class ParamWriteIneffectiveTest {
  private static final String KBUILD = "obj-m += m.o\n";

  private static String module(String declarations, String initBody) {
    return """
        #include <linux/module.h>
        #include <linux/debugfs.h>

        static int m_value = 1;
        module_param(m_value, int, 0644);
        %s
        static int __init m_init(void)
        {
        %s
        	return 0;
        }
        module_init(m_init);
        MODULE_LICENSE("GPL");
        """.formatted(declarations, initBody);
  }

  @Test
  void readOnlyAtInitIsReported() {
    RuleTester.of(ParamWriteIneffectiveRule.class)
        .file("m.c", module("", "\tpr_info(\"%d\\n\", m_value);"))
        .file("Kbuild", KBUILD)
        .expect(5, 1, "parameter m_value is writable (0644) but only read in __init code (m_init)")
        .run();
  }

  @Test
  void handedToDebugfsByAddressIsNot() {
    RuleTester.of(ParamWriteIneffectiveRule.class)
        .file("m.c", module("", "\tdebugfs_create_u32(\"value\", 0644, NULL, (u32 *)&m_value);"))
        .file("Kbuild", KBUILD)
        .expectNone()
        .run();
  }

  @Test
  void itsAddressPassedToAnyFunctionIsNot() {
    RuleTester.of(ParamWriteIneffectiveRule.class)
        .file("m.c", module("static void m_watch(int *p) { }\n", "\tm_watch(&(m_value));"))
        .file("Kbuild", KBUILD)
        .expectNone()
        .run();
  }

  @Test
  void itsAddressKeptInAPointerIsNot() {
    RuleTester.of(ParamWriteIneffectiveRule.class)
        .file("m.c", module("static int *m_ptr;\n", "\tm_ptr = &m_value;"))
        .file("Kbuild", KBUILD)
        .expectNone()
        .run();
  }

  @Test
  void itsAddressInAStructInitializerIsNot() {
    RuleTester.of(ParamWriteIneffectiveRule.class)
        .file("m.c", module("struct m_cfg { int *value; };\nstatic struct m_cfg m_cfg = { .value = &m_value };\n",
            "\tpr_info(\"%d\\n\", m_value + *m_cfg.value);"))
        .file("Kbuild", KBUILD)
        .expectNone()
        .run();
  }

  @Test
  void anArrayHandedOverWholeEscapesButOneReadElementDoesNot() {
    String text = """
        #include <linux/module.h>

        static int m_ports[4];
        static int m_nports;
        module_param_array(m_ports, int, &m_nports, 0644);
        static void m_take(int *ports) { }

        static int __init m_init(void)
        {
        	USE;
        	return 0;
        }
        module_init(m_init);
        MODULE_LICENSE("GPL");
        """;
    RuleTester.of(ParamWriteIneffectiveRule.class)
        .file("m.c", text.replace("USE", "m_take(m_ports)"))
        .file("Kbuild", KBUILD)
        .expectNone()
        .run();
    RuleTester.of(ParamWriteIneffectiveRule.class)
        .file("m.c", text.replace("USE", "pr_info(\"%d\\n\", m_ports[0] + (int)sizeof(m_ports))"))
        .file("Kbuild", KBUILD)
        .expect(5, 1, "m_ports")
        .run();
  }
}
