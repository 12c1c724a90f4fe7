package dev.kmodlint.rules.kbuild;

import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleInfo(
    id = "kbuild/deprecated-objs",
    level = Level.NOTE,
    summary = "foo-objs for a module composite (foo-y is preferred)",
    description = "Documentation/kbuild/makefiles.rst lists the parts of a composite object with foo-y (or"
        + " foo-$(CONFIG_X) for optional parts); foo-objs still works but is kept for host programs and"
        + " backward compatibility, and it cannot take configuration-dependent parts.",
    tags = {"kbuild", "style"},
    anchor = "kbuild docs")
public final class DeprecatedObjsRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (KbuildModel.Makefile m : ctx.project().kbuild().makefiles()) {
      Set<String> modules = new HashSet<>();
      for (KbuildModel.Entry e : m.entries()) {
        if (!e.directory() && e.buildMode().mayBeModule()) {
          modules.add(e.base());
        }
      }
      Set<String> reported = new HashSet<>();
      Set<String> assigned = new HashSet<>();
      for (KbuildModel.Assignment a : m.assignments()) assigned.add(a.variable());
      for (KbuildModel.Composite c : m.composites()) {
        if (!c.variable().endsWith("-objs") || !modules.contains(c.module()) || !reported.add(c.variable())) continue;
        ctx.report(c.position(), c.variable() + " lists the parts of module " + c.module() + "; write "
            + c.module() + "-y, which also takes optional parts as " + c.module() + "-$(CONFIG_...)", List.of(),
            fix(m, c, assigned), List.of());
      }
    }
  }

  /**
   * foo-objs renamed foo-y in every assignment of this Makefile (one finding stands for them
   * all), so that no part is left under the old name; none when foo-y is assigned already
   * (the order of ':=' and '+=' between them would matter) or a name is not written as such.
   */
  private static List<Finding.Fix> fix(KbuildModel.Makefile m, KbuildModel.Composite c, Set<String> assigned) {
    String renamed = c.module() + "-y";
    if (assigned.contains(renamed)) return List.of();
    List<Finding.Fix.Edit> edits = new ArrayList<>();
    // every assignment, not the composite: the Makefile's reader keeps one composite a variable,
    // at its first assignment
    for (KbuildModel.Assignment a : m.assignments()) {
      if (!a.variable().equals(c.variable())) continue;
      SourcePosition p = a.position();
      if (p.endLine() != p.line() || p.endColumn() - p.column() != a.variable().length()) return List.of();
      edits.add(new Finding.Fix.Edit(p, renamed));
    }
    if (edits.isEmpty()) return List.of();
    return List.of(new Finding.Fix("rename " + c.variable() + " to " + renamed, edits));
  }
}
