package dev.kmodlint.rules.kbuild;

import dev.kmodlint.model.BuildMode;
import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.rules.kconfig.KnownConfigSymbols;

@RuleInfo(
    id = "kbuild/self-reference",
    level = Level.ERROR,
    summary = "Composite foo-y/foo-objs lists foo.o itself",
    description = "With obj-m += foo.o and foo-y := foo.o bar.o, Kbuild links module foo.o from its parts, one of"
        + " which is foo.o: make drops the circular dependency ('Circular foo.o <- foo.o dependency"
        + " dropped') and foo.c is never compiled as a part. Rename the source (foo-core.c, foo-main.c)"
        + " and list foo-core.o instead.",
    tags = {"kbuild", "correctness"},
    anchor = "kbuild Circular ... dependency dropped")
public final class SelfReferenceRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    KnownConfigSymbols symbols = new KnownConfigSymbols(ctx.project());
    for (KbuildModel.Makefile m : ctx.project().kbuild().makefiles()) {
      for (KbuildModel.Composite c : m.composites()) {
        if (!mayBeModule(m, c.module(), symbols)) continue;
        for (KbuildModel.Part p : c.parts()) {
          if (!p.name().equals(c.module() + ".o")) continue;
          if (!p.conditions().isEmpty()) {
            ctx.skip(Level.WARNING, p.position(), c.variable() + " lists " + p.name() + ", the composite object itself, but only "
                + p.conditions().get(0) + ": whether this build lists it is unknown");
            continue;
          }
          ctx.report(p.position(), c.variable() + " lists " + p.name() + ", the composite object itself: make drops"
              + " the circular dependency and " + c.module() + ".c is not linked in as a part; rename the source,"
              + " e.g. to " + c.module() + "-core.c, and list " + c.module() + "-core.o");
        }
      }
    }
  }

  /**
   * Only a module composite is linked from its parts (built-in composites go into built-in.a
   * part by part, where listing foo.o is harmless): obj-m, or obj-$(CONFIG_X) unless X is bool.
   */
  private static boolean mayBeModule(KbuildModel.Makefile m, String module, KnownConfigSymbols symbols) {
    for (KbuildModel.Entry e : m.entries()) {
      if (e.directory() || !e.base().equals(module)) continue;
      if (e.buildMode() == BuildMode.MODULE) return true;
      if (e.buildMode() != BuildMode.CONFIGURABLE) continue;
      for (String gate : e.gates()) {
        String sym = KconfigModel.symbolName(gate);
        if (symbols.type(sym).orElse(KconfigModel.Type.TRISTATE) != KconfigModel.Type.BOOL) return true;
      }
    }
    return false;
  }
}
