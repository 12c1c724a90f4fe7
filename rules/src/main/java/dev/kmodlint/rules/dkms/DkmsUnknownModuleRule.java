package dev.kmodlint.rules.dkms;

import dev.kmodlint.model.DkmsConf;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "dkms/unknown-module",
    level = Level.ERROR,
    summary = "BUILT_MODULE_NAME[i] is not a module the Kbuild files build (or not where BUILT_MODULE_LOCATION[i]"
        + " says)",
    description = "dkms looks for BUILT_MODULE_LOCATION[i]/BUILT_MODULE_NAME[i].ko after the build: a name no"
        + " Kbuild file under the package makes a module, or a location other than the directory whose"
        + " Kbuild file makes it, fails the build step ('Build failed... Cannot find') although make"
        + " succeeded. Names that use variables only dkms sets, and packages whose Makefiles kmodlint cannot"
        + " evaluate, are skipped.",
    tags = {"dkms", "deployment", "correctness"},
    anchor = "dkms build failure")
public final class DkmsUnknownModuleRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (DkmsConf c : ctx.project().deploy().dkmsConfs()) {
      List<Module> modules = DkmsPackage.modules(ctx.project(), c);
      for (DkmsConf.Assignment name : c.array("BUILT_MODULE_NAME").values()) {
        if (name.value().isEmpty()) {
          ctx.skip(Level.WARNING, name.valuePosition(), "BUILT_MODULE_NAME[" + name.index() + "] uses a variable only dkms sets");
          continue;
        }
        if (modules.isEmpty() || DkmsPackage.opaqueKbuild(ctx.project(), c)) {
          ctx.skip(Level.WARNING, name.valuePosition(), "no Kbuild file under " + c.directory() + " that kmodlint can evaluate"
              + " builds modules, so BUILT_MODULE_NAME cannot be checked");
          continue;
        }
        String wanted = name.value().get();
        List<Module> named = modules.stream().filter(m -> m.name().equals(wanted)).toList();
        if (named.isEmpty()) {
          ctx.report(name.valuePosition(), "no Kbuild file under the package builds a module '" + wanted + "'"
              + " (it builds " + String.join(", ", modules.stream().map(Module::name).distinct().sorted().toList())
              + "): dkms will not find " + wanted + ".ko");
          continue;
        }
        Optional<DkmsConf.Assignment> location = Optional.ofNullable(c.array("BUILT_MODULE_LOCATION").get(name.index()));
        if (location.isPresent() && location.get().value().isEmpty()) {
          ctx.skip(Level.WARNING, location.get().valuePosition(), "BUILT_MODULE_LOCATION[" + name.index()
              + "] uses a variable only dkms sets");
          continue;
        }
        String where = location.flatMap(DkmsConf.Assignment::value).orElse("");
        Path dir = c.directory().resolve(where.isEmpty() ? "." : where).normalize();
        if (named.stream().anyMatch(m -> m.directory().equals(dir))) continue;
        Module built = named.get(0);
        String relative = c.directory().relativize(built.directory()).toString();
        String shown = relative.isEmpty() ? "the package directory" : relative + "/";
        ctx.report(location.map(DkmsConf.Assignment::valuePosition).orElse(name.valuePosition()),
            "module " + wanted + " is built in " + shown + ", not in " + (where.isEmpty() ? "the package directory"
                : "'" + where + "'") + ": dkms will not find " + wanted + ".ko; set BUILT_MODULE_LOCATION["
                + name.index() + "]=\"" + (relative.isEmpty() ? "" : relative + "/") + "\"",
            List.of(new Finding.Related(built.declaredAt().orElse(built.anchor()), "the Kbuild line making " + wanted)));
      }
    }
  }
}
