package dev.kmodlint.rules.kernel;

import dev.kmodlint.kernel.HeaderIndex;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.VersionConditional;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleInfo(
    id = "kernel/version-branch",
    level = Level.NOTE,
    summary = "A LINUX_VERSION_CODE test selects a branch that uses a symbol the target kernel lacks, while"
        + " another branch would work (a distribution backport)",
    description = "Distribution kernels take changes of later releases without changing their version: Debian's"
        + " 6.12.117 has register_syscore() of a later kernel and no longer register_syscore_ops(). A module that"
        + " picks its code by"
        + " '#if LINUX_VERSION_CODE < KERNEL_VERSION(...)' then takes the branch written for older kernels on"
        + " a kernel that no longer has what it calls, and fails to build although its other branch would. The"
        + " note is given where the branch taken calls a function or macro the target kernel neither declares"
        + " in its headers nor exports, and every call of another branch of the same test is one the kernel"
        + " has. Test for the feature instead (a macro the change introduced, or a configure-style probe"
        + " compile as OpenZFS and DKMS packages do), or add the distribution's own version macros.",
    tags = {"kernel", "compatibility", "portability"},
    precision = "medium",
    anchor = "none")
public final class KernelVersionBranchRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    KernelDatabase kernel = ctx.kernel();
    // the test was decided by the kernel's version, which the run must know, and what the kernel
    // has is told by its header index
    if (kernel.version().isEmpty() || kernel.headers().size() == 0) return;
    for (Module m : ctx.project().modules()) {
      if (m.code().versionConditionals().isEmpty()) continue;
      Set<String> own = new HashSet<>(m.code().macroDefinedNames());
      for (CFunction f : m.code().functions()) own.add(f.name());
      for (CVariable v : m.code().variables()) own.add(v.name());
      // a header kmodlint could not find may declare anything
      if (!m.code().unresolvedLocalIncludes().isEmpty()) continue;
      // a module this kernel's configuration does not build: what it lacks may be configured out
      if (!ctx.symbols().builtByAssumedKernel(m)) continue;
      for (VersionConditional vc : m.code().versionConditionals()) check(ctx, m, vc, own);
    }
  }

  private static void check(RuleContext ctx, Module m, VersionConditional vc, Set<String> own) {
    List<VersionConditional.Branch> branches = vc.branches();
    if (branches.size() < 2) return; // no other branch to take
    int selected = -1;
    for (int i = 0; i < branches.size(); i++) if (branches.get(i).taken()) selected = i;
    if (selected < 0) return;
    VersionConditional.Branch taken = branches.get(selected);
    List<VersionConditional.Call> lacking = new ArrayList<>();
    for (VersionConditional.Call c : taken.calls())
      if (c.active() && lacks(ctx, own, c.name())) lacking.add(c);
    if (lacking.isEmpty()) return;
    Optional<VersionConditional.Branch> working = Optional.empty();
    for (int i = 0; i < branches.size() && working.isEmpty(); i++) {
      VersionConditional.Branch b = branches.get(i);
      if (i == selected || b.calls().isEmpty()) continue;
      boolean works = true;
      for (VersionConditional.Call c : b.calls()) works &= !lacks(ctx, own, c.name());
      if (works) working = Optional.of(b);
    }
    if (working.isEmpty()) return;
    // the test that decided: the branch's own condition, or for #else the #if's
    VersionConditional.Branch test = taken.condition().isEmpty() ? branches.get(0) : taken;
    VersionConditional.Call first = lacking.get(0);
    String names = String.join(", ", lacking.stream().map(c -> c.name() + "()").limit(3).toList());
    List<Finding.Related> related = new ArrayList<>();
    related.add(new Finding.Related(first.position(), "the call this kernel cannot make"));
    related.add(new Finding.Related(working.get().directive(), "the branch that would build"));
    ctx.report(test.directive(), "'#" + directive(test, branches) + " " + test.condition().strip() + "' selects, for "
        + ctx.kernel().description() + ", the branch at line " + taken.directive().line() + ", which calls "
        + names + ": this kernel neither declares " + (lacking.size() == 1 ? "it" : "them") + " in its headers nor"
        + " exports " + (lacking.size() == 1 ? "it" : "them") + ", while the branch at line "
        + working.get().directive().line() + " calls only what it has: its distribution took the change before"
        + " the version the test expects; test for the feature instead of the version", related);
  }

  private static String directive(VersionConditional.Branch b, List<VersionConditional.Branch> all) {
    return b == all.get(0) ? "if" : "elif";
  }

  /**
   * True when the target kernel has nothing of that name for the module to call: not the
   * module's own, no header of the kernel declares or defines it, and neither the kernel nor a
   * scanned module exports it.
   */
  private static boolean lacks(RuleContext ctx, Set<String> own, String name) {
    if (own.contains(name)) return false;
    HeaderIndex headers = ctx.kernel().headers();
    if (headers.lookup(name).isPresent()) return false;
    if (ctx.kernel().exports().exports(name)) return false;
    return ctx.symbols().scannedExports(name).isEmpty();
  }
}
