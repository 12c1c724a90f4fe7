package dev.kmodlint.rules.dkms;

import dev.kmodlint.model.DkmsConf;
import dev.kmodlint.model.Level;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@RuleInfo(
    id = "dkms/duplicate-module",
    level = Level.ERROR,
    summary = "Two BUILT_MODULE_NAME entries of a dkms.conf are equal",
    description = "Each BUILT_MODULE_NAME[i] names one .ko dkms installs; two equal names install the same"
        + " file twice (the second overwrites the first's destination), which dkms >= 3.1.7 rejects.",
    tags = {"dkms", "deployment", "correctness"},
    anchor = "dkms >= 3.1.7")
public final class DkmsDuplicateModuleRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (DkmsConf c : ctx.project().deploy().dkmsConfs()) {
      Map<String, DkmsConf.Assignment> seen = new HashMap<>();
      for (DkmsConf.Assignment a : c.array("BUILT_MODULE_NAME").values()) {
        if (a.value().isEmpty() || a.value().get().isEmpty()) continue;
        DkmsConf.Assignment first = seen.putIfAbsent(a.value().get(), a);
        if (first != null)
          ctx.report(a.position(), "BUILT_MODULE_NAME[" + a.index() + "] repeats BUILT_MODULE_NAME[" + first.index()
              + "] ('" + a.value().get() + "')",
              List.of(new Finding.Related(first.position(), "first named here")));
      }
    }
  }
}
