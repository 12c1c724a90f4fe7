package dev.kmodlint.rules.modprobe;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModprobeFile;
import dev.kmodlint.model.SyntaxProblem;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "modprobe/syntax",
    level = Level.ERROR,
    summary = "Unknown command or malformed line in modprobe.d / modules-load.d",
    description = "kmod skips a modprobe.d line whose command is none of alias, options, install, remove,"
        + " softdep, blacklist, or that lacks the words its command needs (\"ignoring bad line\"), and"
        + " module names in softdep before any pre:/post:; systemd-modules-load fails on a modules-load.d"
        + " line that is not one module name (parameters there are a common slip). Either way the"
        + " configuration silently does not happen.",
    tags = {"modprobe", "deployment", "correctness"},
    anchor = "kmod")
public final class ModprobeSyntaxRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (ModprobeFile f : ctx.project().deploy().modprobeFiles())
      for (SyntaxProblem p : f.syntaxProblems()) ctx.report(p.position(), p.message());
  }
}
