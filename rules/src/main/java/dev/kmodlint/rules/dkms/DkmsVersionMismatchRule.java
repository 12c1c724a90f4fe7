package dev.kmodlint.rules.dkms;

import dev.kmodlint.model.DkmsConf;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@RuleInfo(
    id = "dkms/version-mismatch",
    level = Level.WARNING,
    summary = "PACKAGE_VERSION of dkms.conf differs from the module's MODULE_VERSION",
    description = "dkms status, the package manager and bug reports show PACKAGE_VERSION; modinfo and"
        + " /sys/module/*/version show MODULE_VERSION. When they differ, nobody can tell which source a"
        + " loaded module came from. MODULE_VERSION is evaluated as the preprocessor does (adjacent literals,"
        + " the tree's #defines, __stringify). Placeholders that packaging replaces (@VERSION@, #MODULE_VERSION#)"
        + " and versions given by macros kmodlint cannot evaluate are skipped.",
    tags = {"dkms", "deployment", "maintainability"})
public final class DkmsVersionMismatchRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (DkmsConf c : ctx.project().deploy().dkmsConfs()) {
      var packageVersion = c.scalar("PACKAGE_VERSION");
      if (packageVersion.isEmpty()) continue;
      DkmsConf.Assignment pv = packageVersion.get();
      if (pv.value().isEmpty() || placeholder(pv.value().get())) {
        ctx.skip(pv.valuePosition(), "PACKAGE_VERSION '" + pv.text() + "' is filled in at packaging or by dkms");
        continue;
      }
      Set<String> names = c.array("BUILT_MODULE_NAME").values().stream()
          .flatMap(a -> a.value().stream()).collect(Collectors.toSet());
      Map<String, List<ModInfo>> differing = new LinkedHashMap<>();
      for (Module m : DkmsPackage.modules(ctx.project(), c)) {
        if (!names.isEmpty() && !names.contains(m.name())) continue;
        for (ModInfo v : m.modInfo("version")) {
          if (!v.active()) continue;
          if (!v.resolved()) {
            ctx.skip(v.position(), "MODULE_VERSION(" + v.text() + ") of " + m.name() + " is not a string kmodlint"
                + " can evaluate");
          } else if (!v.value().equals(pv.value().get())) {
            differing.computeIfAbsent(v.value(), k -> new ArrayList<>()).add(v);
          }
        }
      }
      differing.forEach((version, where) -> ctx.report(pv.valuePosition(), "PACKAGE_VERSION is '"
          + pv.value().get() + "' but MODULE_VERSION is '" + version + "'; dkms and modinfo will disagree about"
          + " which version is installed",
          where.stream().map(w -> new Finding.Related(w.position(), "MODULE_VERSION(\"" + version + "\")")).toList()));
    }
  }

  private static boolean placeholder(String v) {
    return v.matches(".*(@[A-Za-z_]+@|#[A-Za-z_]+#|__[A-Z_]+__).*");
  }
}
