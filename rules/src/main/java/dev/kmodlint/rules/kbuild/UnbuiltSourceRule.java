package dev.kmodlint.rules.kbuild;

import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

@RuleInfo(
    id = "kbuild/unbuilt-source",
    level = Level.WARNING,
    summary = "A .c file in a Kbuild directory belongs to no object and is not #included",
    description = "A C file that no obj-*/lib-*/composite list of its directory's Kbuild file names, that no"
        + " rule or other variable of it mentions and that no other file #includes is never compiled:"
        + " often a file forgotten in foo-y, whose functions then go missing at link time. Directories"
        + " whose lists use $(wildcard ...) or other functions kmodlint cannot evaluate are not checked.",
    tags = {"kbuild", "correctness"},
    precision = "medium")
public final class UnbuiltSourceRule implements Rule {
  /** The top Kbuild builds arch/$(SRCARCH)/kernel/asm-offsets.c and kernel/bounds.c by name. */
  private static boolean mentionedAbove(Map<Path, KbuildModel.Makefile> byDir, Path dir, String stem) {
    for (Path d = dir.getParent(); d != null; d = d.getParent()) {
      KbuildModel.Makefile m = byDir.get(d);
      if (m != null && m.mentioned().contains(stem)) return true;
    }
    return false;
  }

  @Override
  public void check(RuleContext ctx) {
    Map<Path, KbuildModel.Makefile> byDir = new HashMap<>();
    Set<Path> claimed = new HashSet<>();
    for (KbuildModel.Makefile m : ctx.project().kbuild().makefiles()) {
      byDir.put(m.directory(), m);
      for (KbuildModel.Entry e : m.entries()) e.source().ifPresent(claimed::add);
      for (KbuildModel.Composite c : m.composites()) for (KbuildModel.Part p : c.parts()) p.source().ifPresent(claimed::add);
      // built in another configuration (a branch of the Makefile the .config does not take)
      claimed.addAll(m.sources());
    }
    Set<Path> included = new HashSet<>();
    for (SourceFile f : ctx.project().files()) included.addAll(f.localIncludes());
    for (SourceFile f : ctx.project().files()) {
      if (f.kind() != SourceFile.Kind.C || claimed.contains(f.path()) || included.contains(f.path())) continue;
      KbuildModel.Makefile m = byDir.get(f.path().getParent());
      if (m == null || m.entries().isEmpty() || m.opaque()) continue;
      String name = f.path().getFileName().toString();
      int dot = name.indexOf('.');
      String stem = dot > 0 ? name.substring(0, dot) : name;
      if (m.mentioned().contains(stem) || mentionedAbove(byDir, m.directory(), stem)) continue;
      ctx.report(SourcePosition.startOf(f.path()), name + " is built by nothing: no list of "
          + m.file().getFileName() + " names " + stem + ".o and no file #includes it");
    }
  }
}
