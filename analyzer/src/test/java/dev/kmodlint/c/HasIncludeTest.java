package dev.kmodlint.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CompileFlags;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** __has_include as gcc decides it for the build, which CDT's preprocessor does not know. */
class HasIncludeTest {
  @TempDir Path dir;

  private record Asked(String name, boolean angled, boolean next) {}

  private static String rewrite(String text, List<Asked> asked, HasInclude.Answer answer) {
    HasInclude.Result r = HasInclude.rewrite(text.toCharArray(), (n, a, x) -> {
      asked.add(new Asked(n, a, x));
      return answer;
    });
    return new String(r.text());
  }

  @Test
  void eachOneOfAnIfElifOrDefineLineBecomesItsValueInItsOwnPlace() {
    List<Asked> asked = new ArrayList<>();
    String text = "#if __has_include(<linux/a.h>)\n#elif defined(X) && __has_include_next( \"b.h\" ) \\\n  && 1\n"
        + "# define HAS_C __has_include(<c.h>)\n";
    String out = rewrite(text, asked, HasInclude.Answer.FOUND);
    String expected = text;
    for (String call : List.of("__has_include(<linux/a.h>)", "__has_include_next( \"b.h\" )", "__has_include(<c.h>)"))
      expected = expected.replace(call, "1" + " ".repeat(call.length() - 1));
    assertEquals(expected, out);
    assertEquals(text.length(), out.length(), "every offset stays where it was");
    assertEquals(List.of(new Asked("linux/a.h", true, false), new Asked("b.h", false, true), new Asked("c.h", true, false)),
        asked);
    assertEquals("#if 0", rewrite("#if __has_include(<linux/a.h>)", new ArrayList<>(), HasInclude.Answer.ABSENT)
        .substring(0, 5));
  }

  @Test
  void itsNameAloneAndWhatIsNoDirectiveAreLeftAsWritten() {
    for (String text : List.of("#ifdef __has_include\n#endif\n", "#if defined(__has_include)\n#endif\n",
        "#if defined __has_include\n#endif\n", "int x = __has_include(<a.h>);\n", "/* __has_include(<a.h>) */\n",
        "#define S \"__has_include(<a.h>)\"\n", "#if my__has_include(<a.h>)\n#endif\n", "#include <a.h>\n")) {
      List<Asked> asked = new ArrayList<>();
      HasInclude.Result r = HasInclude.rewrite(text.toCharArray(), (n, a, x) -> {
        asked.add(new Asked(n, a, x));
        return HasInclude.Answer.FOUND;
      });
      assertEquals(text, new String(r.text()), text);
      assertEquals(List.of(), asked, text);
    }
    char[] none = "int plain;\n".toCharArray();
    assertSame(none, HasInclude.rewrite(none, (n, a, x) -> HasInclude.Answer.FOUND).text(), "nothing to do: not copied");
  }

  @Test
  void anArgumentThatIsNoHeaderNameIsUnknownAndTakenAsAbsent() {
    HasInclude.Result r = HasInclude.rewrite("#define H(x) x\n#if __has_include(H(<a.h>))\n#endif\n".toCharArray(),
        (n, a, x) -> HasInclude.Answer.FOUND);
    assertTrue(new String(r.text()).startsWith("#define H(x) x\n#if 0 "), new String(r.text()));
    assertEquals(1, r.unknown().size());
    assertEquals("__has_include(H(<a.h>))", r.unknown().get(0).text());
  }

  // --- through the front-end: the tree, its -I directories and the kernel's headers ---

  private static final String BRANCHES = """
      #if __has_include(<linux/dma-buf.h>)
      int kernel_has_dma_buf(void) { return 1; }
      #endif
      #if __has_include(<linux/kmodlint-absent.h>)
      int kernel_has_absent(void) { return 1; }
      #endif
      #if __has_include("local.h")
      int tree_has_local(void) { return 1; }
      #endif
      #if __has_include(<inc/cfg.h>)
      int tree_has_cfg(void) { return 1; }
      #endif
      """;

  private CFrontEnd.Parsed parse(String text, CompileFlags flags, Optional<KernelHeaders> headers) throws Exception {
    Files.writeString(dir.resolve("local.h"), "int local;\n");
    Files.createDirectories(dir.resolve("include/inc"));
    Files.writeString(dir.resolve("include/inc/cfg.h"), "int cfg;\n");
    Path f = dir.resolve("m.c");
    Files.writeString(f, text);
    return new CFrontEnd(dir).parse(f, SourceFile.Kind.C, new PreprocessorContext(flags, Optional.empty(), headers));
  }

  private static CompileFlags includes(Path... dirs) {
    return new CompileFlags(Map.of(), List.of(), List.of(dirs), List.of(), List.of(), true);
  }

  /** False also for a function of a header's inactive branch, which the facts leave out. */
  private static boolean active(CFrontEnd.Parsed p, String fn) {
    return p.file().code().functions().stream().filter(f -> f.name().equals(fn)).findFirst().map(CFunction::active)
        .orElse(false);
  }

  @Test
  void theKernelsHeadersTheTreeAndItsIncludeDirectoriesDecide() throws Exception {
    CFrontEnd.Parsed p = parse(BRANCHES, includes(dir.resolve("include")),
        Optional.of(new FakeKernelHeaders(Set.of()).withHeaders("linux/dma-buf.h", "linux/module.h")));
    assertTrue(active(p, "kernel_has_dma_buf"));
    assertFalse(active(p, "kernel_has_absent"));
    assertTrue(active(p, "tree_has_local"));
    assertTrue(active(p, "tree_has_cfg"));
    assertEquals(List.of(), p.notifications());
    assertTrue(p.headersRead().contains(dir.resolve("include/inc/cfg.h")), "the facts depend on it: " + p.headersRead());
    assertTrue(p.absentIncludes().contains(dir.resolve("include/linux/kmodlint-absent.h")),
        "made later, it would change the facts: " + p.absentIncludes());
  }

  @Test
  void whatOnlyADirectoryOutsideTheTreeOrAnUnlistedKernelMayHoldIsUnknownAndSaidSo() throws Exception {
    Path outside = Path.of("/nonexistent-kmodlint-dir");
    CFrontEnd.Parsed p = parse(BRANCHES, includes(dir.resolve("include"), outside),
        Optional.of(new FakeKernelHeaders(Set.of()).withHeaders("linux/dma-buf.h")));
    assertTrue(active(p, "kernel_has_dma_buf"), "found in the kernel: the other directory does not matter");
    assertFalse(active(p, "kernel_has_absent"), "taken as absent");
    List<Notification> n = p.notifications();
    assertEquals(1, n.size(), n.toString());
    assertEquals("has-include-unknown", n.get(0).id());
    assertEquals(4, n.get(0).position().orElseThrow().line());
    assertTrue(n.get(0).message().contains("-I" + outside + " is outside the scanned tree"), n.get(0).message());

    CFrontEnd.Parsed unlisted = parse(BRANCHES, CompileFlags.NONE, Optional.of(new FakeKernelHeaders(Set.of())));
    assertEquals(List.of(1, 4, 10), unlisted.notifications().stream().map(x -> x.position().orElseThrow().line()).toList(),
        "the kernel's headers unknown: each kernel header asked of, and the -I header the flags no longer name");
    assertTrue(unlisted.notifications().get(0).message().contains("does not list the kernel's headers"));
    assertTrue(active(unlisted, "tree_has_local"), "the file's own directory is known all the same");
  }

  @Test
  void hasIncludeNextLooksAfterTheDirectoryOfTheHeaderThatAsks() throws Exception {
    // a compat header of the tree standing in for the kernel's, as backports do
    Files.createDirectories(dir.resolve("compat/linux"));
    Files.writeString(dir.resolve("compat/linux/dma-buf.h"), """
        #if __has_include_next(<linux/dma-buf.h>)
        int next_found(void) { return 1; }
        #endif
        """);
    CFrontEnd.Parsed p = parse("#include <linux/dma-buf.h>\n", includes(dir.resolve("compat")),
        Optional.of(new FakeKernelHeaders(Set.of()).withHeaders("linux/dma-buf.h")));
    assertTrue(active(p, "next_found"));
    CFrontEnd.Parsed none = parse("#include <linux/dma-buf.h>\n", includes(dir.resolve("compat")),
        Optional.of(new FakeKernelHeaders(Set.of()).withHeaders("linux/module.h")));
    assertFalse(active(none, "next_found"), "not itself: the kernel has none");
  }
}
