package dev.kmodlint.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerTest {
  @TempDir Path dir;

  @RuleInfo(id = "test/fails", level = Level.ERROR, summary = "always throws", description = "a rule that fails")
  static final class FailingRule implements Rule {
    @Override
    public void check(RuleContext context) {
      throw new IllegalStateException("broken on purpose");
    }
  }

  @RuleInfo(id = "test/reports", level = Level.WARNING, summary = "one finding per module", description = "reports")
  static final class ReportingRule implements Rule {
    @Override
    public void check(RuleContext context) {
      context.project().modules().forEach(m -> context.report(m.anchor(), "module " + m.name()));
    }
  }

  private AnalysisResult run(Rule... rules) throws IOException {
    Files.writeString(dir.resolve("m.c"), "#include <linux/module.h>\nMODULE_LICENSE(\"GPL\");\n");
    Files.writeString(dir.resolve("Kbuild"), "obj-m += m.o\n");
    return new Analyzer(RuleRegistry.of(List.of(rules))).analyze(AnalysisOptions.of(List.of(dir)));
  }

  @Test
  void aFailingRuleLosesOnlyItsOwnFindingsAndTheRunSaysItIsIncomplete() throws IOException {
    AnalysisResult r = run(new FailingRule(), new ReportingRule());
    assertEquals(List.of("test/reports"), r.findings().stream().map(f -> f.ruleId()).toList());
    Notification failure = r.notifications().stream().filter(n -> n.id().equals("rule-failure")).findFirst()
        .orElseThrow();
    assertEquals(Level.ERROR, failure.level());
    assertTrue(failure.message().contains("test/fails") && failure.message().contains("broken on purpose"),
        failure.message());
    assertFalse(r.executionSuccessful(), "a rule-failure makes the run unsuccessful");
  }

  @Test
  void aRunWhoseRulesAllRanIsSuccessful() throws IOException {
    AnalysisResult r = run(new ReportingRule());
    assertTrue(r.executionSuccessful());
    assertEquals(1, r.findings().size());
  }
}
