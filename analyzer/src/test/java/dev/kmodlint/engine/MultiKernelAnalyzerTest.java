package dev.kmodlint.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.Notification;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiKernelAnalyzerTest {
  @TempDir Path dir;

  private static final List<KernelTarget> BOTH = List.of(new KernelTarget.Embedded("6.1"),
      new KernelTarget.Embedded("6.12"));

  /** Reports each active MODULE_INFO(branch, ...) of a module: what the preprocessor kept for the kernel. */
  @RuleInfo(id = "test/branch", level = Level.WARNING, summary = "the branch taken", description = "reports")
  static final class BranchRule implements Rule {
    @Override
    public void check(RuleContext ctx) {
      for (Module m : ctx.project().modules())
        for (ModInfo i : m.modInfo("branch")) if (i.active()) ctx.report(i.position(), "branch " + i.value());
    }
  }

  /** One finding per module whose message names the kernel: the same finding on every kernel, modulo that. */
  @RuleInfo(id = "test/kernel", level = Level.NOTE, summary = "names the kernel", description = "reports")
  static final class KernelRule implements Rule {
    @Override
    public void check(RuleContext ctx) {
      for (Module m : ctx.project().modules())
        ctx.report(m.anchor(), "module " + m.name() + " built against " + ctx.kernel().description() + " ("
            + ctx.kernel().release() + ")");
    }
  }

  private Path module() throws IOException {
    Files.writeString(dir.resolve("m.c"), """
        #include <linux/module.h>
        #include <linux/version.h>
        #if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
        MODULE_INFO(branch, "new");
        #else
        MODULE_INFO(branch, "old");
        #endif
        MODULE_INFO(branch, "always");
        MODULE_LICENSE("GPL");
        """);
    Files.writeString(dir.resolve("Kbuild"), "obj-m += m.o\n");
    return dir;
  }

  private static AnalysisOptions options(Path dir, List<KernelTarget> kernels) {
    return AnalysisOptions.of(List.of(dir)).withKernels(kernels).withJobs(1);
  }

  @Test
  void eachKernelEvaluatesTheConditionalCodeAndTheFindingsSayWhereTheyHold() throws IOException {
    MultiKernelAnalyzer.Outcome o = new MultiKernelAnalyzer(RuleRegistry.of(List.of(new BranchRule(), new KernelRule())))
        .analyzeEach(options(module(), BOTH), AnalysisProgress.NONE);
    AnalysisResult r = o.merged();
    assertEquals(List.of("6.1", "6.12"), r.kernels());
    assertEquals(List.of("6.1", "6.12"), o.kernels().stream().map(MultiKernelAnalyzer.KernelPass::name).toList());
    List<String> shown = r.findings().stream().map(f -> f.position().line() + " " + f.qualifiedMessage()).toList();
    assertTrue(shown.contains("4 on 6.12 only: branch new"), shown.toString());
    assertTrue(shown.contains("6 on 6.1 only: branch old"), shown.toString());
    assertTrue(shown.contains("8 branch always"), shown.toString());
    Finding always = r.findings().stream().filter(f -> f.message().equals("branch always")).findFirst().orElseThrow();
    assertEquals(List.of(), always.kernels(), "a finding of every kernel reads as a single-kernel run gives it");
    // the same finding modulo the kernel's own name: one result, worded as the first kernel's run words it
    List<Finding> named = r.findings().stream().filter(f -> f.ruleId().equals("test/kernel")).toList();
    assertEquals(1, named.size(), named.toString());
    assertEquals(List.of(), named.get(0).kernels());
    assertTrue(named.get(0).message().contains("6.1.0-") && !named.get(0).message().contains("6.12."),
        named.get(0).message());
    // each kernel's own result keeps its own findings
    assertTrue(o.kernels().get(1).result().findings().stream().anyMatch(f -> f.message().equals("branch new")));
    assertFalse(o.kernels().get(1).result().findings().stream().anyMatch(f -> f.message().equals("branch old")));
  }

  @Test
  void withOneKernelTheRunIsTheAnalyzersExactly() throws IOException {
    module();
    RuleRegistry rules = RuleRegistry.of(List.of(new BranchRule(), new KernelRule()));
    AnalysisResult single = new Analyzer(rules).analyze(options(dir, List.of(new KernelTarget.Embedded("6.12"))));
    AnalysisResult multi = new MultiKernelAnalyzer(rules).analyze(options(dir, List.of(new KernelTarget.Embedded("6.12"))));
    assertEquals(single.findings(), multi.findings());
    assertEquals(single.notifications(), multi.notifications());
    assertEquals(List.of(), multi.kernels());
    assertTrue(multi.findings().stream().allMatch(f -> f.kernels().isEmpty()));
    assertTrue(multi.findings().stream().anyMatch(f -> f.message().equals("branch new")), multi.findings().toString());
  }

  @Test
  void theDefaultKernelIsTheFirstEmbeddedOne() throws IOException {
    module();
    RuleRegistry rules = RuleRegistry.of(List.of(new KernelRule()));
    AnalysisResult byDefault = new Analyzer(rules).analyze(options(dir, List.of()));
    AnalysisResult named = new Analyzer(rules).analyze(options(dir, List.of(new KernelTarget.Embedded("6.1"))));
    assertEquals(byDefault.findings(), named.findings());
    assertEquals(byDefault.notifications(), named.notifications());
  }

  @Test
  void notificationsOfSomeKernelsSayWhich() throws IOException {
    AnalysisResult r = new MultiKernelAnalyzer(RuleRegistry.of(List.of(new KernelRule())))
        .analyze(options(module(), BOTH));
    List<Notification> databases = r.notifications().stream().filter(n -> n.id().equals("kernel-database")).toList();
    assertEquals(2, databases.size(), databases.toString());
    assertTrue(databases.stream().anyMatch(n -> n.message().startsWith("[6.1] ")), databases.toString());
    assertTrue(databases.stream().anyMatch(n -> n.message().startsWith("[6.12] ")), databases.toString());
    // told by the walk of the tree, or the same for both kernels: once, as it is
    long headers = r.notifications().stream().filter(n -> n.id().equals("kernel-headers-not-read")).count();
    assertEquals(1, headers);
    assertTrue(r.notifications().stream().filter(n -> n.id().equals("kernel-headers-not-read"))
        .noneMatch(n -> n.message().startsWith("[")));
  }

  @Test
  void equalFindingsOfOnePassStayApart() {
    Path f = dir.resolve("m.c");
    Finding a = new Finding("r/x", Level.ERROR, "same", dev.kmodlint.model.SourcePosition.line(f, 3), List.of());
    Finding b = new Finding("r/x", Level.ERROR, "same", dev.kmodlint.model.SourcePosition.line(f, 3),
        List.of(new Finding.Related(dev.kmodlint.model.SourcePosition.line(f, 1), "other")));
    var k1 = dev.kmodlint.kernel.KernelDatabase.embedded("6.1");
    var k2 = dev.kmodlint.kernel.KernelDatabase.embedded("6.12");
    List<Finding> merged = MultiKernelAnalyzer.mergeFindings(List.of(List.of(a, b), List.of(a)), List.of(k1, k2),
        List.of("6.1", "6.12"));
    assertEquals(2, merged.size(), merged.toString());
    assertEquals(1, merged.stream().filter(x -> x.kernels().isEmpty()).count());
    assertEquals(1, merged.stream().filter(x -> x.kernels().equals(List.of("6.1"))).count());
  }

  @Test
  void aKernelDatabasesNameIsNotTakenForPartOfAnotherWord() {
    var k = dev.kmodlint.kernel.KernelDatabase.embedded("6.12");
    String message = "exported by vmlinux of " + k.description() + "; uname -r says " + k.release();
    assertEquals("exported by vmlinux of \u0001kernel\u0001; uname -r says \u0001release\u0001",
        MultiKernelAnalyzer.withoutKernel(message, k));
    assertEquals("KERNEL_VERSION(6, 1, 0)", MultiKernelAnalyzer.withoutKernel("KERNEL_VERSION(6, 1, 0)", k));
  }
}
