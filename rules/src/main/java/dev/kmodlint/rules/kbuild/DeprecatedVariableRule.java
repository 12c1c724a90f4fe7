package dev.kmodlint.rules.kbuild;

import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@RuleInfo(
    id = "kbuild/deprecated-variable",
    level = Level.WARNING,
    summary = "EXTRA_CFLAGS, EXTRA_AFLAGS, EXTRA_LDFLAGS",
    description = "EXTRA_CFLAGS, EXTRA_AFLAGS, EXTRA_LDFLAGS and EXTRA_CPPFLAGS are the old names of"
        + " ccflags-y, asflags-y, ldflags-y and cppflags-y; Kbuild still reads them for compatibility"
        + " and checkpatch reports them as DEPRECATED_VARIABLE.",
    tags = {"kbuild", "style"},
    anchor = "checkpatch DEPRECATED_VARIABLE")
public final class DeprecatedVariableRule implements Rule {
  private static final Map<String, String> REPLACEMENTS = Map.of(
      "EXTRA_CFLAGS", "ccflags-y",
      "EXTRA_AFLAGS", "asflags-y",
      "EXTRA_LDFLAGS", "ldflags-y",
      "EXTRA_CPPFLAGS", "cppflags-y");

  @Override
  public void check(RuleContext ctx) {
    for (KbuildModel.Makefile m : ctx.project().kbuild().makefiles()) {
      Set<String> assigned = m.assignments().stream().map(KbuildModel.Assignment::variable).collect(Collectors.toSet());
      for (KbuildModel.Assignment a : m.assignments()) {
        String replacement = REPLACEMENTS.get(a.variable());
        if (replacement != null) {
          ctx.report(a.position(), a.variable() + " is deprecated; use " + replacement, List.of(),
              fix(a, replacement, assigned), List.of());
        }
      }
    }
  }

  /**
   * The new name in place of the old: Kbuild appends the old variable to the new one, so the
   * rename keeps the flags, unless the Makefile assigns the new one too, where a ':=' of the
   * renamed line could replace what it holds: then no fix. The region must be the name as
   * written (not a name made by a variable reference).
   */
  private static List<Finding.Fix> fix(KbuildModel.Assignment a, String replacement, Set<String> assigned) {
    SourcePosition p = a.position();
    boolean asWritten = p.endLine() == p.line() && p.endColumn() - p.column() == a.variable().length();
    if (assigned.contains(replacement) || !asWritten)
      return List.of();
    return List.of(new Finding.Fix("rename " + a.variable() + " to " + replacement, p, replacement));
  }
}
