package dev.kmodlint.rules.modprobe;

import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModprobeFile;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.model.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The scanned modules a modprobe.d line can be about, by name as kmod compares names. */
final class ModprobeTargets {
  private ModprobeTargets() {}

  static Map<String, List<Module>> scannedModules(Project project) {
    Map<String, List<Module>> out = new LinkedHashMap<>();
    for (Module m : project.modules())
      out.computeIfAbsent(ModprobeFile.ModuleName.normalize(m.name()), k -> new ArrayList<>()).add(m);
    return out;
  }

  /** Every {@code options} command of every modprobe.d file. */
  static List<ModprobeFile.Command> optionsCommands(Project project) {
    List<ModprobeFile.Command> out = new ArrayList<>();
    for (ModprobeFile f : project.deploy().modprobeFiles())
      for (ModprobeFile.Command c : f.commands()) if (c.name().equals("options")) out.add(c);
    return out;
  }

  /** The parameters of {@code modules} named {@code option} (the kernel's parameq: {@code -} equals {@code _}). */
  static List<ModuleParam> params(List<Module> modules, ModprobeFile.Option option) {
    List<ModuleParam> out = new ArrayList<>();
    for (Module m : modules)
      for (ModuleParam p : m.code().params())
        if (p.name().replace('-', '_').equals(option.normalizedName())) out.add(p);
    return out;
  }

  /**
   * Names the kernel takes from any module without a parameter declaring them: {@code async_probe}
   * (load_module's unknown_module_param_cb) and {@code dyndbg}/{@code x.dyndbg} (dynamic debug).
   */
  static boolean builtinOption(ModprobeFile.Option option) {
    String n = option.normalizedName();
    return n.equals("async_probe") || n.equals("dyndbg") || n.endsWith(".dyndbg");
  }
}
