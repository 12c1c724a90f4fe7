package dev.kmodlint.rules.modprobe;

import dev.kmodlint.kernel.KernelModules;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModprobeFile.Command;
import dev.kmodlint.model.ModprobeFile.ModuleName;
import dev.kmodlint.model.ModprobeFile;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleInfo(
    id = "modprobe/unknown-module",
    level = Level.WARNING,
    summary = "options/softdep/blacklist/alias (or a modules-load.d line) names a module that is neither scanned"
        + " nor in the kernel's module list",
    description = "A modprobe.d command about a module that does not exist does nothing, silently: a typo in"
        + " 'blacklist', an 'options' line for a module renamed since. kmodlint knows the scanned modules,"
        + " the aliases and install commands of the scanned configuration, and the kernel's own modules"
        + " (loadable and built in; the embedded list is Debian's linux-image 6.1, or modules.order and"
        + " modules.builtin beside --kdir). Names compare as kmod compares them (- and _ equal).",
    tags = {"modprobe", "deployment"},
    precision = "medium")
public final class UnknownModuleRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    List<ModprobeFile> files = ctx.project().deploy().modprobeFiles();
    if (files.isEmpty()) return;
    KernelModules kernel = ctx.kernel().modules();
    Set<String> known = new HashSet<>(ModprobeTargets.scannedModules(ctx.project()).keySet());
    for (ModprobeFile f : files) {
      for (Command c : f.commands()) {
        // an alias or an install command makes a name modprobe can load
        c.pattern().ifPresent(p -> known.add(p.normalized()));
        if (c.name().equals("install")) c.module().ifPresent(m -> known.add(m.normalized()));
      }
    }
    for (ModprobeFile f : files) {
      for (Command c : f.commands()) {
        List<ModuleName> names = new ArrayList<>();
        switch (c.name()) {
          case "options", "blacklist", "alias", "load" -> c.module().ifPresent(names::add);
          case "softdep", "weakdep" -> {
            c.module().ifPresent(names::add);
            names.addAll(c.dependencies());
          }
          default -> { }
        }
        for (ModuleName n : names) {
          if (known.contains(n.normalized()) || kernel.contains(n.normalized())) continue;
          if (kernel.size() == 0) {
            ctx.skip(n.position(), "kmodlint has no list of the kernel's modules to look '" + n.text() + "' up in");
            continue;
          }
          ctx.report(n.position(), "no module '" + n.text() + "': it is not among the scanned modules nor the "
              + kernel.size() + " modules of " + kernel.release() + ", so this '" + c.name() + "' does nothing");
        }
      }
    }
  }
}
