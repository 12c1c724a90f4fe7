package dev.kmodlint.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CTextScanTest {
  private static final Set<String> EXPORTING = Set.of("EXPORT_SYMBOL", "EXPORT_SYMBOL_GPL", "EXPORT_SYMBOL_NS", "PM_EXPORT");
  private static final Map<String, Set<Integer>> VERBATIM = Map.of("EXPORT_SYMBOL", Set.of(0), "EXPORT_SYMBOL_GPL",
      Set.of(0), "EXPORT_SYMBOL_NS", Set.of(0));

  private static Optional<Set<String>> exports(String text) {
    return CTextScan.of(text).exportedNames(EXPORTING, VERBATIM, n -> n.equals("KERNEL_MACRO"));
  }

  @Test
  void includesOfEveryBranchQuotedAndAngledCommentsAside() {
    CTextScan s = CTextScan.of("""
        #include "a.h"
        #ifdef X
        #  include <b/c.h>
        #else
        #include_next "d.h"
        #endif
        /* #include "not.h" */
        // #include "nor.h"
        """);
    assertEquals(List.of(new CTextScan.Include("a.h", false), new CTextScan.Include("b/c.h", true),
        new CTextScan.Include("d.h", false)), s.includes());
    assertFalse(s.computedInclude());
    assertTrue(CTextScan.of("#include HEADER\n").computedInclude());
  }

  @Test
  void plainExportsNameTheirArgumentAndCommentsAndStringsDoNotCount() {
    assertEquals(Optional.of(Set.of("a", "b", "c")), exports("""
        int a; EXPORT_SYMBOL(a);
        EXPORT_SYMBOL_GPL(
            b);
        EXPORT_SYMBOL_NS(c, FOO);
        /* EXPORT_SYMBOL(commented) */
        static const char *s = "EXPORT_SYMBOL(quoted)";
        """));
    assertEquals(Optional.of(Set.of()), exports("int x;\n"));
  }

  @Test
  void whatTheTextCannotTellIsUnknown() {
    // a wrapper of the file's own, a macro argument, a kernel macro, an export macro that is not verbatim
    assertEquals(Optional.empty(), exports("#define MY_EXPORT(x) EXPORT_SYMBOL(x)\nMY_EXPORT(a);\n"));
    assertEquals(Optional.empty(), exports("#define NAME real\nEXPORT_SYMBOL(NAME);\n"));
    assertEquals(Optional.empty(), exports("EXPORT_SYMBOL(KERNEL_MACRO);\n"));
    assertEquals(Optional.empty(), exports("PM_EXPORT(ops);\n"));
    assertEquals(Optional.empty(), exports("EXPORT_SYMBOL(a ## b);\n"));
    assertEquals(Optional.empty(), exports("APPLY(EXPORT_SYMBOL, a);\n"));
  }

  @Test
  void pastingAndIdentifiers() {
    CTextScan s = CTextScan.of("#define DEF(n) int n##_get(void);\nDEF(x) /* comment_word */ y = \"string_word\";\n");
    assertTrue(s.pastes());
    assertTrue(s.identifiers().containsAll(Set.of("DEF", "x", "y", "n", "_get")));
    assertFalse(s.identifiers().contains("comment_word"));
    assertFalse(s.identifiers().contains("string_word"));
    assertEquals(Set.of("DEF"), s.definedMacros());
  }

  @Test
  void callArguments() {
    assertEquals(Optional.of(List.of("a", "f(b, c)", "\"x,y\"")), CTextScan.arguments("M (a, f(b, c), \"x,y\")", 1));
    assertEquals(Optional.empty(), CTextScan.arguments("M a", 1));
    assertEquals(Optional.empty(), CTextScan.arguments("M(a", 1));
  }
}
