package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.engine.Analyzer;
import dev.kmodlint.engine.FileSelection;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.model.Notification;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A file named alone ({@code kmodlint check drivers/x/foo.c}, as a commit hook runs it) is
 * analyzed with only its own modules and what the cross-module rules relate to them, and is
 * reported exactly as the whole directory of its module, filtered to the findings in or caused
 * by it, is: for every C file of every corpus scenario, the findings, the suppressed findings
 * and the notifications placed in the file are the same. At least one file must be analyzed
 * with fewer modules than its directory has, so that a scope that silently took everything
 * cannot pass.
 */
class NamedFilesTest {
  private static final RuleRegistry RULES = RuleRegistry.discover();
  private static final AtomicInteger NARROWER = new AtomicInteger();
  private static final AtomicInteger FILES = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> aFileNamedAloneIsReportedAsItsWholeDirectoryIs() {
    return Corpus.cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      Map<List<Path>, AnalysisResult> whole = new HashMap<>();
      for (Path c : cFiles(dir)) {
        FileSelection selection = FileSelection.of(List.of(c));
        AnalysisOptions options = AnalysisOptions.of(selection.analyze());
        AnalysisResult all = whole.computeIfAbsent(selection.analyze(), k -> analyze(options));
        AnalysisResult named = analyze(options.withNamedFiles(selection.reportOnly()));
        String what = Corpus.DIR.relativize(c).toString();
        assertReportedAlike(selection.restrict(all), selection.restrict(named), c, what);
        assertTrue(named.project().modules().size() <= all.project().modules().size(), what);
        FILES.incrementAndGet();
        if (named.project().files().size() < all.project().files().size()) NARROWER.incrementAndGet();
      }
    }));
  }

  /** A module exporting, a proprietary one using it, and one with nothing to do with either. */
  private static final String USER = """
      // SPDX-License-Identifier: MIT
      #include <linux/module.h>
      extern int core_fn(int);
      static int __init user_init(void)
      {
      	return core_fn(1);
      }
      module_init(user_init);
      MODULE_LICENSE("Proprietary");
      MODULE_DESCRIPTION("user");
      """;
  private static final String OTHER = """
      // SPDX-License-Identifier: GPL-2.0
      #include <linux/module.h>
      static int knob;
      module_param(knob, int, 0666);
      MODULE_LICENSE("GPL");
      """;
  private static final String GPL = "MODULE_LICENSE(\"GPL\");\nMODULE_DESCRIPTION(\"core\");\n";

  /**
   * The links the scope must follow, each in a tree of its own: an export through a wrapper
   * macro of the file, through a header's, through token pasting, through a kernel macro that
   * exports an argument; an exporter named alone (its users' findings point at it); two modules
   * exporting one name; two modules using each other's exports; a C file included by another.
   */
  @TestFactory
  Stream<DynamicTest> theLinksBetweenModulesAreFollowed(@org.junit.jupiter.api.io.TempDir Path tmp) {
    Map<String, Map<String, String>> trees = new java.util.LinkedHashMap<>();
    trees.put("wrapper-macro", Map.of("core.c", "#include <linux/module.h>\n#define CORE_EXPORT(x) EXPORT_SYMBOL_GPL(x)\n"
        + "int core_fn(int x) { return x; }\nCORE_EXPORT(core_fn);\n" + GPL, "user.c", USER, "other.c", OTHER));
    trees.put("header-macro", Map.of("exp.h", "#define CORE_EXPORT(x) EXPORT_SYMBOL_GPL(x)\n", "core.c",
        "#include <linux/module.h>\n#include \"exp.h\"\nint core_fn(int x) { return x; }\nCORE_EXPORT(core_fn);\n" + GPL,
        "user.c", USER, "other.c", OTHER));
    trees.put("pasted", Map.of("core.c", "#include <linux/module.h>\n#define DEF(n) int n##_fn(int x) { return x; }"
        + " EXPORT_SYMBOL_GPL(n##_fn);\nDEF(core)\n" + GPL, "user.c", USER, "other.c", OTHER));
    trees.put("object-macro", Map.of("core.c", "#include <linux/module.h>\n#define NAME core_fn\n"
        + "int core_fn(int x) { return x; }\nEXPORT_SYMBOL_GPL(NAME);\n" + GPL, "user.c", USER, "other.c", OTHER));
    trees.put("kernel-macro", Map.of("core.c", "#include <linux/module.h>\n#include <linux/pm.h>\n"
        + "static int s(struct device *d) { return 0; }\nEXPORT_GPL_SIMPLE_DEV_PM_OPS(core_fn, s, s);\n" + GPL,
        "user.c", USER.replace("extern int core_fn(int);", "extern struct dev_pm_ops core_fn;")
            .replace("return core_fn(1);", "return core_fn.suspend != 0;"), "other.c", OTHER));
    trees.put("exported-twice", Map.of("core.c", "#include <linux/module.h>\nint core_fn(int x) { return x; }\n"
        + "EXPORT_SYMBOL(core_fn);\n" + GPL, "user.c", "#include <linux/module.h>\nint core_fn(int x) { return -x; }\n"
        + "EXPORT_SYMBOL(core_fn);\n" + GPL, "other.c", OTHER));
    trees.put("cycle", Map.of("core.c", "#include <linux/module.h>\nextern int user_fn(int);\n"
        + "int core_fn(int x) { return user_fn(x); }\nEXPORT_SYMBOL(core_fn);\n" + GPL, "user.c",
        "#include <linux/module.h>\nextern int core_fn(int);\nint user_fn(int x) { return core_fn(x); }\n"
        + "EXPORT_SYMBOL(user_fn);\n" + GPL, "other.c", OTHER));
    trees.put("included-c-file", Map.of("core.c", "#include <linux/module.h>\n#include \"part.c\"\n" + GPL,
        "part.c", "static int depth;\nmodule_param(depth, int, 0777);\n", "user.c", USER, "other.c", OTHER));
    String makefile = "obj-m += core.o user.o other.o\n";
    return trees.entrySet().stream().map(t -> DynamicTest.dynamicTest(t.getKey(), () -> {
      Path dir = Files.createDirectories(tmp.resolve(t.getKey()));
      Files.writeString(dir.resolve("Makefile"), makefile);
      for (Map.Entry<String, String> f : t.getValue().entrySet()) Files.writeString(dir.resolve(f.getKey()), f.getValue());
      AnalysisResult all = analyze(AnalysisOptions.of(List.of(dir)));
      assertTrue(all.findings().stream().anyMatch(f -> f.ruleId().startsWith("symbol/") || f.ruleId().startsWith("param/")),
          () -> t.getKey() + ": the tree shows nothing to follow: " + lines(all.findings()));
      for (Path c : cFiles(dir)) {
        FileSelection selection = FileSelection.of(List.of(c));
        AnalysisResult named = analyze(AnalysisOptions.of(selection.analyze()).withNamedFiles(selection.reportOnly()));
        String what = t.getKey() + "/" + c.getFileName();
        assertReportedAlike(selection.restrict(all), selection.restrict(named), c, what);
        // other.c is linked to nothing: it is never analyzed for another file, nor another for it
        boolean withOther = named.project().modules().stream().anyMatch(m -> m.name().equals("other"));
        assertEquals(c.getFileName().toString().equals("other.c"), withOther, what + ": " + named.project().modules());
      }
    }));
  }

  /**
   * Against two kernels ({@code --kernel 6.1,6.12}) each pass narrows to the named file's
   * modules for itself, and the merged report is the whole directory's, filtered: a user of an
   * export of its directory calling strlcpy() (gone from 6.12), and a module linked to neither.
   */
  @org.junit.jupiter.api.Test
  void aFileNamedAloneAgainstTwoKernelsIsReportedAsItsWholeDirectoryIs(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("Makefile"), "obj-m += core.o user.o other.o\n");
    Files.writeString(dir.resolve("core.c"), "#include <linux/module.h>\nint core_fn(int x) { return x; }\n"
        + "EXPORT_SYMBOL_GPL(core_fn);\n" + GPL);
    Files.writeString(dir.resolve("user.c"), USER.replace("return core_fn(1);",
        "static char name[8];\n\tstrlcpy(name, \"x\", sizeof(name));\n\treturn core_fn(1);")
        .replace("#include <linux/module.h>", "#include <linux/module.h>\n#include <linux/string.h>"));
    Files.writeString(dir.resolve("other.c"), OTHER);
    List<dev.kmodlint.engine.KernelTarget> kernels = List.of(new dev.kmodlint.engine.KernelTarget.Embedded("6.1"),
        new dev.kmodlint.engine.KernelTarget.Embedded("6.12"));
    AnalysisResult all = analyzeAll(AnalysisOptions.of(List.of(dir)).withKernels(kernels));
    assertTrue(all.findings().stream().anyMatch(f -> f.kernels().equals(List.of("6.12"))),
        () -> "no finding of 6.12 alone: " + lines(all.findings()));
    for (Path c : cFiles(dir)) {
      FileSelection selection = FileSelection.of(List.of(c));
      AnalysisResult named = analyzeAll(AnalysisOptions.of(selection.analyze()).withKernels(kernels)
          .withNamedFiles(selection.reportOnly()));
      String what = c.getFileName().toString();
      assertReportedAlike(selection.restrict(all), selection.restrict(named), c, what);
      boolean withOther = named.project().modules().stream().anyMatch(m -> m.name().equals("other"));
      assertEquals(what.equals("other.c"), withOther, what + ": " + named.project().modules());
    }
    // and from the command line, as a commit hook names it
    CliTest.Run r = CliTest.run("check", "--no-cache", "--color", "never", "--kernel", "6.1,6.12",
        dir.resolve("user.c").toString());
    assertTrue(r.out().lines().anyMatch(l -> l.contains("user.c:") && l.contains("error[6.12]: strlcpy()")),
        r.out() + r.err());
  }

  /** The findings, suppressed findings and notifications placed in {@code c} of two reports on it are the same. */
  private static void assertReportedAlike(AnalysisResult expected, AnalysisResult actual, Path c, String what) {
    assertEquals(lines(expected.findings()), lines(actual.findings()), "findings of " + what);
    assertEquals(expected.findings(), actual.findings(), "findings of " + what);
    assertEquals(expected.suppressed(), actual.suppressed(), "suppressed findings of " + what);
    assertEquals(placed(expected.notifications(), c), placed(actual.notifications(), c), "notifications in " + what);
  }

  private static AnalysisResult analyzeAll(AnalysisOptions options) {
    try {
      return new dev.kmodlint.engine.MultiKernelAnalyzer(RULES).analyze(options);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void theScopeNarrowedSomething() {
    System.out.println("NamedFilesTest: " + FILES.get() + " files named alone, " + NARROWER.get()
        + " analyzed with fewer files than their directory");
    if (FILES.get() > 20) assertTrue(NARROWER.get() > 0, "no file was analyzed with less than its whole directory");
  }

  private static AnalysisResult analyze(AnalysisOptions options) {
    try {
      return new Analyzer(RULES).analyze(options);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Path> cFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".c") && !p.toString().endsWith(".mod.c") && Files.isRegularFile(p))
          .map(p -> p.toAbsolutePath().normalize()).sorted().toList();
    }
  }

  /** Findings as one line each, for a readable difference. */
  private static List<String> lines(List<Finding> findings) {
    List<String> out = new ArrayList<>();
    for (Finding f : findings) out.add(f.position() + " " + f.ruleId() + " " + f.message());
    return out;
  }

  private static Set<Notification> placed(List<Notification> notes, Path file) {
    return Set.copyOf(notes.stream().filter(n -> n.position().isPresent() && n.position().get().file().equals(file))
        .toList());
  }
}
