package dev.kmodlint.rules.modprobe;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModprobeFile;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;
import java.util.Map;

@RuleInfo(
    id = "modprobe/unknown-parameter",
    level = Level.ERROR,
    summary = "options MOD p=v where the scanned module MOD declares no parameter p",
    description = "An 'options' line of a modprobe.d file gives a parameter the module does not declare with"
        + " module_param*: the kernel logs \"unknown parameter 'p' ignored\" at load and the setting silently"
        + " does nothing. Names are compared as the kernel does (- and _ equal); async_probe and dyndbg,"
        + " which the kernel takes for every module, are not reported. Modules that were not scanned are"
        + " not checked.",
    tags = {"modprobe", "deployment", "correctness"},
    anchor = "loader: unknown parameter 'p' ignored")
public final class UnknownParameterRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    Map<String, List<Module>> scanned = ModprobeTargets.scannedModules(ctx.project());
    for (ModprobeFile.Command c : ModprobeTargets.optionsCommands(ctx.project())) {
      ModprobeFile.ModuleName name = c.module().orElseThrow();
      List<Module> modules = scanned.get(name.normalized());
      if (modules == null) continue;
      if (modules.stream().anyMatch(m -> ctx.skipWhenIncomplete(m, "parameters", Level.WARNING))) continue;
      for (ModprobeFile.Option o : c.options()) {
        if (ModprobeTargets.builtinOption(o) || !ModprobeTargets.params(modules, o).isEmpty()) continue;
        List<String> declared = modules.stream().flatMap(m -> m.code().params().stream()).map(ModuleParam::name)
            .distinct().sorted().toList();
        ctx.report(o.position(), "module " + name.text() + " has no parameter '" + o.name()
            + "': the kernel ignores it (\"unknown parameter '" + o.name() + "' ignored\")"
            + (declared.isEmpty() ? "; the module declares no parameters"
                : "; it declares " + String.join(", ", declared)),
            modules.stream().map(m -> new dev.kmodlint.rule.Finding.Related(m.anchor(), "module " + m.name()))
                .toList());
      }
    }
  }
}
