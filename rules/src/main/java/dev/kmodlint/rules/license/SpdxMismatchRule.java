package dev.kmodlint.rules.license;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SpdxTag;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;
import java.util.Locale;

@RuleInfo(
    id = "license/spdx-mismatch",
    level = Level.WARNING,
    summary = "SPDX identifier of a module's file contradicts its MODULE_LICENSE",
    description = "The SPDX tag says under which license a file is distributed; MODULE_LICENSE tells the"
        + " kernel the same for the module. A file that offers no GPL option in a module declared"
        + " \"GPL\" (SPDX MIT, module GPL: the module should say \"Dual MIT/GPL\"), or a GPL-only file"
        + " in a module declared proprietary, is a licensing error that no build step catches.",
    tags = {"license", "legal"})
public final class SpdxMismatchRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      List<ModInfo> lics = m.licenses().stream().filter(ModInfo::resolved).toList();
      if (lics.isEmpty() || lics.stream().map(ModInfo::value).distinct().count() > 1) continue;
      ModInfo lic = lics.get(0);
      for (SourceFile f : m.sources()) {
        if (f.spdx().isEmpty() || f.spdx().get().expression().isEmpty()) continue;
        String problem = contradiction(f.spdx().get(), lic.value());
        if (problem != null) {
          ctx.report(f.spdx().get().position(), problem,
              List.of(new Finding.Related(lic.position(), "the module's license")));
        }
      }
    }
  }

  static String contradiction(SpdxTag tag, String license) {
    List<List<String>> alts = Licenses.alternatives(tag.expression());
    boolean someGpl = alts.stream().anyMatch(Licenses::anyGpl);
    boolean allGpl = !alts.isEmpty() && alts.stream().allMatch(Licenses::anyGpl);
    String expr = tag.expression();
    if (Licenses.gplCompatible(license)) {
      if (someGpl) return null;
      if (license.startsWith("Dual ")) {
        String other = license.substring(5, license.indexOf('/')).toUpperCase(Locale.ROOT);
        boolean offersOther = alts.stream().flatMap(List::stream)
            .anyMatch(id -> id.toUpperCase(Locale.ROOT).startsWith(other));
        if (offersOther) return null;
      }
      String hint = expr.toUpperCase(Locale.ROOT).contains("MIT") ? "Dual MIT/GPL"
          : expr.toUpperCase(Locale.ROOT).contains("BSD") ? "Dual BSD/GPL"
          : expr.toUpperCase(Locale.ROOT).contains("MPL") ? "Dual MPL/GPL" : null;
      return "SPDX-License-Identifier " + expr + " offers no GPL option, but the module declares MODULE_LICENSE(\""
          + license + "\")" + (hint != null ? "; if the file is dual-licensed, say \"" + hint + "\"" : "");
    }
    if (allGpl) {
      return "SPDX-License-Identifier " + expr + " makes this file GPL-only, but the module declares MODULE_LICENSE(\""
          + license + "\"), which the kernel treats as proprietary";
    }
    return null;
  }
}
