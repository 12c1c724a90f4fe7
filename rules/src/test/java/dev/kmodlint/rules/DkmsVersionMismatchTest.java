package dev.kmodlint.rules;

import dev.kmodlint.rules.dkms.DkmsVersionMismatchRule;
import org.junit.jupiter.api.Test;

/**
 * MODULE_VERSION evaluated as the preprocessor would: adjacent literals, __stringify of the
 * tree's own macros; a value kmodlint cannot evaluate is not compared (issue 14).
 */
class DkmsVersionMismatchTest {
  private static final String KBUILD = "obj-m += m.o\n";

  private static String conf(String version) {
    return """
        PACKAGE_NAME=m
        PACKAGE_VERSION="%s"
        BUILT_MODULE_NAME[0]=m
        DEST_MODULE_LOCATION[0]=/updates/dkms
        """.formatted(version);
  }

  private static String module(String defines, String version) {
    return """
        #include <linux/module.h>
        #include <linux/stringify.h>
        #include "m_version.h"
        %s
        MODULE_LICENSE("GPL");
        MODULE_VERSION(%s);
        """.formatted(defines, version);
  }

  private static final String HEADER = "#define M_MAJOR 3\n#define M_MINOR M_MINOR_VALUE\n#define M_MINOR_VALUE 7\n";
  private static final String STRINGIFIED = "\"\" __stringify(M_MAJOR) \".\" __stringify(M_MINOR) \".\" __stringify(M_PATCH)";

  @Test
  void aVersionOfStringifiedMacrosThatMatches() {
    RuleTester.of(DkmsVersionMismatchRule.class)
        .file("dkms.conf", conf("3.7.2"))
        .file("m.c", module("#define M_PATCH 2", STRINGIFIED))
        .file("m_version.h", HEADER)
        .file("Kbuild", KBUILD)
        .expectNone()
        .run();
  }

  @Test
  void aVersionOfStringifiedMacrosThatDiffers() {
    RuleTester.of(DkmsVersionMismatchRule.class)
        .file("dkms.conf", conf("3.8.0"))
        .file("m.c", module("#define M_PATCH 2", STRINGIFIED))
        .file("m_version.h", HEADER)
        .file("Kbuild", KBUILD)
        .expect(2, 17, "PACKAGE_VERSION is '3.8.0' but MODULE_VERSION is '3.7.2'")
        .run();
  }

  @Test
  void aStringifiedNameThatIsNoMacroHereIsNotCompared() {
    // without M_PATCH the build would give "3.7.M_PATCH", unless its flags or headers define it
    RuleTester.of(DkmsVersionMismatchRule.class)
        .file("dkms.conf", conf("3.8.0"))
        .file("m.c", module("", STRINGIFIED))
        .file("m_version.h", HEADER)
        .file("Kbuild", KBUILD)
        .expectNone()
        .expectNotification("rule-skipped", "m.c", 6, "not a string kmodlint can evaluate")
        .run();
  }

  @Test
  void aMacroOfTheBuildKmodlintCannotKnowIsNotCompared() {
    RuleTester.of(DkmsVersionMismatchRule.class)
        .file("dkms.conf", conf("3.8.0"))
        .file("m.c", module("", "\"3.\" M_STAMP"))
        .file("m_version.h", HEADER)
        .file("Kbuild", KBUILD + "ccflags-y += -DM_STAMP='\"$(shell git describe)\"'\n")
        .expectNone()
        .expectNotification("rule-skipped", "m.c", 6, "not a string kmodlint can evaluate")
        .run();
  }
}
