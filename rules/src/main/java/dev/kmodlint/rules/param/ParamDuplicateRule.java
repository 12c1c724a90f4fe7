package dev.kmodlint.rules.param;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@RuleInfo(
    id = "param/duplicate",
    level = Level.ERROR,
    summary = "Two parameters of one module share a name",
    description = "Each parameter becomes a static __param_<name> object in its object file's __param section"
        + " and, with a non-zero permission, a sysfs file: two with one name fail to compile in one object."
        + " Across two objects of one module they build; when both have a sysfs file the module fails to load"
        + " (an error), else it loads and an option of that name sets only the one linked first (a warning)."
        + " Across two objects of which the Makefile lists one only in some builds (ifeq on a value only the"
        + " build knows), not reported.",
    tags = {"param", "correctness"},
    anchor = "build error")
public final class ParamDuplicateRule implements Rule {
  /** The first active declaration of a name in a module, and the object (in link order) it is in. */
  private record First(ModuleParam param, SourceFile object) {}

  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Map<String, First> first = new HashMap<>();
      Set<Path> conditional = m.conditionalFiles();
      // object by object, in link order: the __param entries of a module are in that order
      for (SourceFile object : m.sources()) {
        Map<String, ModuleParam> inObject = new HashMap<>();
        for (ModuleParam p : object.code().params()) {
          if (!p.active()) continue; // #ifdef/#else variants of one parameter are not duplicates
          ModuleParam same = inObject.putIfAbsent(p.name(), p);
          if (same != null) {
            // one translation unit (the object's source and its headers): __param_<name> is defined twice
            if (!same.position().equals(p.position()))
              ctx.report(p.position(), "parameter " + p.name() + " is declared twice in module " + m.name(),
                  List.of(new Finding.Related(same.position(), "first declaration of " + p.name())));
            continue;
          }
          First f = first.putIfAbsent(p.name(), new First(p, object));
          if (f == null || f.param().position().equals(p.position())) continue; // a header two objects include
          acrossObjects(ctx, m, f, p, object, conditional);
        }
      }
    }
  }

  private static void acrossObjects(RuleContext ctx, Module m, First f, ModuleParam p, SourceFile object,
      Set<Path> conditional) {
    List<Finding.Related> related = List.of(new Finding.Related(f.param().position(), "first declaration of " + p.name()));
    // ifeq ($(BUS),pci) ... else ...: objects the Makefile lists in alternative builds
    if (conditional.contains(f.param().position().file()) || conditional.contains(p.position().file())) {
      ctx.skip(Level.WARNING, p.position(), "parameter " + p.name() + " of module " + m.name() + " is declared in two objects,"
          + " at least one of which the Makefile lists only in some builds: whether both are ever linked"
          + " together is unknown");
      return;
    }
    String where = "parameter " + p.name() + " is declared in two objects of module " + m.name() + " ("
        + fileName(f.object()) + " and " + fileName(object) + ")";
    Optional<Long> a = f.param().permission().value();
    Optional<Long> b = p.permission().value();
    if (a.isPresent() && b.isPresent() && a.get() != 0 && b.get() != 0) {
      ctx.report(p.position(), where + ", both with a sysfs file: it builds as one module, which the kernel refuses"
          + " to load (sysfs: cannot create duplicate filename '/module/" + m.name() + "/parameters/" + p.name()
          + "')", related);
      return;
    }
    String sysfs = a.isPresent() && b.isPresent() ? ""
        : "; should both permissions be non-zero (kmodlint cannot evaluate " + (a.isEmpty() ? f.param() : p)
            .permission().text() + "), the module also fails to load (two sysfs files of one name)";
    ctx.report(Level.WARNING, p.position(), where + ": the module builds and loads, but " + p.name() + "= sets only the"
        + " variable of the object linked first (" + fileName(f.object()) + "); this one keeps its initial value"
        + sysfs, related);
  }

  private static String fileName(SourceFile f) {
    return f.path().getFileName().toString();
  }
}
