package dev.kmodlint.rules.kbuild;

import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.HashSet;
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
      for (KbuildModel.Composite c : m.composites()) {
        if (!c.variable().endsWith("-objs") || !modules.contains(c.module()) || !reported.add(c.variable())) continue;
        ctx.report(c.position(), c.variable() + " lists the parts of module " + c.module() + "; write "
            + c.module() + "-y, which also takes optional parts as " + c.module() + "-$(CONFIG_...)");
      }
    }
  }
}
