package dev.kmodlint.rules.kbuild;

import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleInfo(
    id = "kbuild/missing-source",
    level = Level.ERROR,
    summary = "An object in obj-*/foo-y/foo-objs has no .c/.S source and is not a composite",
    description = "Kbuild builds foo.o from foo.c or foo.S in the Makefile's directory; when neither exists,"
        + " no other input of that name is there and no rule of the Makefile makes it, make stops with"
        + " 'No rule to make target foo.o'. Typical causes: a file renamed or deleted, a typo, or a"
        + " composite whose foo-y list is misspelt. An object listed only under a conditional on a value"
        + " only the build knows (ifeq ($(ARCH),arm64), a variable of the make command line) is not"
        + " reported (a warning about the run says so): whether this build lists it is unknown.",
    tags = {"kbuild", "correctness"},
    anchor = "kbuild build error")
public final class MissingSourceRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (KbuildModel.Makefile m : ctx.project().kbuild().makefiles()) {
      Set<String> composites = new HashSet<>();
      // a composite whose parts cannot be evaluated ($(addprefix ...)) is a composite all the same
      for (KbuildModel.Composite c : m.composites()) composites.add(c.module());
      List<Conditional> conditional = new java.util.ArrayList<>();
      for (KbuildModel.Entry e : m.entries()) {
        if (e.directory() || e.source().isPresent() || e.generated() || composites.contains(e.base())) continue;
        if (conditional(conditional, e.name(), e.position(), e.conditions())) continue;
        if (neverBuilt(ctx, e)) continue;
        report(ctx, e.name(), e.position(), m, List.of());
      }
      for (KbuildModel.Composite c : m.composites()) {
        if (!listed(m, c.module())) continue;
        for (KbuildModel.Part p : c.parts()) {
          String base = p.name().substring(0, p.name().length() - 2);
          if (p.source().isPresent() || p.generated() || composites.contains(base) || base.equals(c.module())) continue;
          if (conditional(conditional, p.name(), p.position(), p.conditions())) continue;
          report(ctx, p.name(), p.position(), m, List.of());
        }
      }
      if (!conditional.isEmpty()) {
        // once per Makefile: a vendor tree lists hundreds of such objects
        Conditional first = conditional.get(0);
        String more = conditional.size() == 1 ? "" : " (and " + (conditional.size() - 1) + " more object"
            + (conditional.size() == 2 ? "" : "s") + " listed only under conditions: "
            + String.join(", ", conditional.subList(1, Math.min(conditional.size(), 6)).stream().map(Conditional::object).toList())
            + (conditional.size() > 6 ? ", ..." : "") + ")";
        ctx.skip(Level.WARNING, first.at(), first.object() + " has no source, but the Makefile lists it only "
            + first.condition() + more + ": a build that lists it stops with 'No rule to make target', others do not");
      }
    }
  }

  private record Conditional(String object, SourcePosition at, String condition) {}

  /**
   * An object that no configuration builds: every symbol gating it depends on one that nothing
   * enables (Debian's drivers/media/i2c/Kconfig: VIDEO_VS6624 depends on BROKEN, its source
   * removed from the tree). Said in a warning about the run, as every skip of an error-level rule, not reported.
   */
  private static boolean neverBuilt(RuleContext ctx, KbuildModel.Entry e) {
    if (e.gates().isEmpty()) return false;
    List<String> why = new java.util.ArrayList<>();
    for (String g : e.gates()) {
      java.util.Optional<String> off = ctx.project().kconfig().neverEnabledDependency(g);
      if (off.isEmpty()) return false;
      why.add(g + " depends on " + off.get());
    }
    ctx.skip(Level.WARNING, e.position(), e.name() + " has no source, but no configuration builds it: "
        + String.join(", ", why) + ", which no Kconfig option enables");
    return true;
  }

  /** A composite list counts only for an object that some object list names. */
  static boolean listed(KbuildModel.Makefile m, String module) {
    for (KbuildModel.Entry e : m.entries()) if (!e.directory() && e.base().equals(module)) return true;
    return false;
  }

  /**
   * An object listed only under a conditional on a value only the build knows ({@code ifeq
   * ($(ARCH),arm64)}): vendor trees ship the sources of the configurations they support, and
   * whether this build lists it is unknown. Said in a warning about the run (once per Makefile)
   * rather than reported.
   */
  private static boolean conditional(List<Conditional> out, String object, SourcePosition at, List<String> conditions) {
    if (conditions.isEmpty() || object.contains("$")) return false;
    out.add(new Conditional(object, at, conditions.get(0)));
    return true;
  }

  private static void report(RuleContext ctx, String object, SourcePosition at, KbuildModel.Makefile m,
      List<Finding.Related> related) {
    if (object.contains("$")) return;
    String base = object.substring(0, object.length() - 2);
    ctx.report(at, object + " has no source: neither " + base + ".c nor " + base + ".S is in " + m.directory()
        + ", and no rule of the Makefile makes it; make stops with 'No rule to make target'", related);
  }
}
