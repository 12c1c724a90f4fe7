package dev.kmodlint.rules.kconfig;

import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;
import java.util.Map;

@RuleInfo(
    id = "kconfig/missing-help",
    level = Level.NOTE,
    summary = "Prompted config without a help text",
    description = "A symbol the user is asked about (it has a prompt) should explain itself in a help text:"
        + " what it enables and when to say Y, M or N. checkpatch (CONFIG_DESCRIPTION) asks new symbols"
        + " for at least 4 lines; this rule reports only a help text that is missing altogether.",
    tags = {"kconfig", "documentation"},
    anchor = "checkpatch CONFIG_DESCRIPTION")
public final class MissingHelpRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Map.Entry<String, List<KconfigModel.Definition>> e : ctx.project().kconfig().byName().entrySet()) {
      List<KconfigModel.Definition> defs = e.getValue();
      if (defs.stream().anyMatch(d -> d.help().isPresent())) continue;
      for (KconfigModel.Definition d : defs) {
        if (d.prompts().isEmpty()) continue;
        ctx.report(d.position(), e.getKey() + " has a prompt (\"" + d.prompts().get(0).text()
            + "\") but no help text explaining when to enable it");
        break;
      }
    }
  }
}
