package dev.kmodlint.rules.license;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "license/unknown",
    level = Level.ERROR,
    summary = "MODULE_LICENSE string is none of the idents the kernel knows",
    description = "The kernel compares the license string exactly (include/linux/license.h):"
        + " \"GPL\", \"GPL v2\", \"GPL and additional rights\", \"Dual BSD/GPL\", \"Dual MIT/GPL\","
        + " \"Dual MPL/GPL\" and \"Proprietary\". Any other string, \"GPLv2\" included, is silently"
        + " taken as proprietary: the kernel is tainted and GPL-only symbols are refused.",
    tags = {"license", "correctness"},
    anchor = "checkpatch MODULE_LICENSE")
public final class LicenseUnknownRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (SourceFile f : ctx.project().files()) {
      for (ModInfo lic : f.modInfo("license")) {
        if (!lic.resolved()) {
          ctx.skip(Level.WARNING, lic.position(), "the license is given as " + lic.text()
              + ", a macro defined in a header kmodlint does not read");
          continue;
        }
        if (Licenses.known(lic.value())) continue;
        String hint = Licenses.suggestion(lic.value());
        ctx.report(lic.position(), "unknown module license \"" + lic.value()
            + "\": modpost and the module loader treat it as proprietary (kernel tainted, GPL-only"
            + " symbols refused); " + (hint != null ? "did you mean \"" + hint + "\"?"
            : "use one of the idents in include/linux/license.h"));
      }
    }
  }
}
