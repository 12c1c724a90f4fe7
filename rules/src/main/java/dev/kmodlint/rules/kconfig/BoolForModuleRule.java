package dev.kmodlint.rules.kconfig;

import dev.kmodlint.model.BuildMode;
import dev.kmodlint.model.EntryPoint;
import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@RuleInfo(
    id = "kconfig/bool-for-module",
    level = Level.WARNING,
    summary = "A symbol that gates obj-$(CONFIG_X) of a loadable module is bool, so it can never be m",
    description = "obj-$(CONFIG_X) += foo.o builds foo.ko only when X is m, which a bool symbol can never be:"
        + " the code is always built in, so its module_exit() is dead code and the module cannot be"
        + " unloaded or left out of the kernel image. Make X tristate, or drop the module_exit() and use"
        + " the builtin_*_driver helpers if built-in is what is meant.",
    tags = {"kconfig", "kbuild", "correctness"},
    precision = "medium")
public final class BoolForModuleRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    KnownConfigSymbols symbols = new KnownConfigSymbols(ctx.project());
    Map<Path, SourceFile> files = new HashMap<>();
    for (SourceFile f : ctx.project().files()) files.put(f.path(), f);
    Map<String, KconfigModel.Definition> firstDefinition = new HashMap<>();
    for (KconfigModel.Definition d : ctx.project().kconfig().definitions()) firstDefinition.putIfAbsent(d.name(), d);
    for (KbuildModel.Makefile m : ctx.project().kbuild().makefiles()) {
      for (KbuildModel.Entry e : m.entries()) {
        if (e.directory() || e.buildMode() != BuildMode.CONFIGURABLE || e.gates().isEmpty()) continue;
        boolean allBool = true;
        for (String gate : e.gates()) {
          String sym = KconfigModel.symbolName(gate);
          if (symbols.type(sym).orElse(null) != KconfigModel.Type.BOOL) allBool = false;
        }
        if (!allBool) continue;
        Optional<EntryPoint> exit = moduleExit(e, m, files);
        if (exit.isEmpty()) continue;
        String gate = new java.util.TreeSet<>(e.gates()).first(); // gates are a set: name the same one every run
        List<Finding.Related> related = new ArrayList<>();
        related.add(new Finding.Related(exit.get().position(), "module exit code that can never run"));
        String sym = KconfigModel.symbolName(gate);
        KconfigModel.Definition d = firstDefinition.get(sym);
        if (d != null) related.add(new Finding.Related(d.position(), sym + " is defined bool here"));
        ctx.report(e.position(), gate + " is bool, so " + e.name() + " is always built in, never a module, yet it has"
            + " module exit code; make " + sym + " tristate (or drop the exit code if built-in is meant)",
            related);
      }
    }
  }

  /** A module_exit() or module_*_driver() in the object's sources: what only a module needs. */
  private static Optional<EntryPoint> moduleExit(KbuildModel.Entry e, KbuildModel.Makefile m, Map<Path, SourceFile> files) {
    List<Path> sources = new ArrayList<>();
    e.source().ifPresent(sources::add);
    for (KbuildModel.Composite c : m.composites()) {
      if (c.module().equals(e.base())) for (KbuildModel.Part p : c.parts()) p.source().ifPresent(sources::add);
    }
    for (Path p : sources) {
      SourceFile f = files.get(p);
      if (f == null) continue;
      for (EntryPoint ep : f.entryPoints()) {
        if (ep.active() && ep.providesExit()) return Optional.of(ep);
      }
    }
    return Optional.empty();
  }
}
