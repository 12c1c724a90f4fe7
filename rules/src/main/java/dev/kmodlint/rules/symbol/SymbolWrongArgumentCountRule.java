package dev.kmodlint.rules.symbol;

import dev.kmodlint.kernel.HeaderIndex;
import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.ExternalCall;
import dev.kmodlint.model.HeaderFacts.Arity;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

@RuleInfo(
    id = "symbol/wrong-argument-count",
    level = Level.ERROR,
    summary = "A kernel function or function-like macro is called with a number of arguments the target kernel's"
        + " headers do not take",
    description = "The kernel changes the parameters of its functions and macros between releases:"
        + " class_create(owner, name) lost its owner in 6.4, eventfd_signal(ctx, n) its count in 6.8. A call"
        + " written for another kernel fails to compile ('too many arguments to function', 'macro requires 2"
        + " arguments, but only 1 given'). kmodlint counts the arguments of each call of a name the module does"
        + " not declare and compares them with the parameters the target kernel's header index gives that name;"
        + " a call whose arguments name kernel macros that could expand to several arguments is only reported"
        + " when it has too many. With --kernel 6.1,6.12 the finding says on which kernels it holds; guard the"
        + " call with a test of the kernel version (or better, of the feature) to build on both.",
    tags = {"symbol", "compatibility", "correctness"},
    anchor = "compiler error: too many / too few arguments")
public final class SymbolWrongArgumentCountRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    HeaderIndex headers = ctx.kernel().headers();
    if (headers.size() == 0) return; // no index: the kernel's parameters are unknown (the symbol rules say so)
    String arch = ctx.kernel().architecture().orElse("");
    for (Module m : ctx.project().modules()) {
      // the module's own declarations (in any object, or a header it has) win over the kernel's
      Set<String> own = new HashSet<>(m.code().macroDefinedNames());
      for (CFunction f : m.code().functions()) own.add(f.name());
      for (CVariable v : m.code().variables()) own.add(v.name());
      // a header kmodlint could not find may declare anything; code of another architecture calls its own functions
      if (!m.code().unresolvedLocalIncludes().isEmpty()) continue;
      // an in-tree module this kernel's configuration does not build may be for other headers
      // (another architecture's, a configuration's): as symbol/unresolved, not checked
      if (!ctx.symbols().builtByAssumedKernel(m)) continue;
      Optional<String> moduleArch = UnresolvedRule.architectureOf(m);
      if (moduleArch.isPresent() && !arch.isEmpty() && !moduleArch.get().equals(arch)) continue;
      for (ExternalCall c : m.code().externalCalls()) {
        if (!c.active() || own.contains(c.name())) continue;
        Optional<HeaderIndex.Entry> entry = headers.lookup(c.name());
        if (entry.isEmpty() || entry.get().arity() == null || !entry.get().arity().known()) continue;
        check(ctx, c, entry.get());
      }
    }
  }

  private static void check(RuleContext ctx, ExternalCall c, HeaderIndex.Entry e) {
    Arity arity = e.arity();
    boolean macro = e.kind() == HeaderIndex.Kind.FUNCTION_MACRO;
    int given;
    int counted;
    if (macro) {
      // the preprocessor counts what is written: commas outside parentheses; NAME() is one empty argument
      if (c.writtenArguments() < 0) return;
      given = c.writtenArguments();
      counted = given == 0 && (arity.fixed() > 0 || arity.variadic()) ? 1 : given;
      if (given == 0 && arity.variadic() && arity.fixed() <= 1) return;
    } else {
      given = c.arguments();
      counted = given;
      if (c.writtenArguments() >= 0 && c.writtenArguments() != given) return; // the file's own macros at work
      // a kernel macro among the arguments may expand to several: too few is not certain then
      if (given < arity.fixed() && c.argumentsMayExpand()) return;
    }
    if (arity.accepts(counted)) return;
    boolean tooMany = counted > arity.fixed();
    String failure = macro
        ? "the preprocessor stops with 'macro \"" + c.name() + "\" " + (tooMany ? "passed " + counted
            + " arguments, but takes just " + arity.fixed() : "requires " + arity.fixed() + " arguments, but only "
            + counted + " given") + "'"
        : "the compiler stops with '" + (tooMany ? "too many" : "too few") + " arguments to function " + c.name() + "'";
    String kind = macro ? "defines it as a macro of " : "declares it with ";
    ctx.report(c.position(), c.name() + "() is called with " + (given == 0 ? "no arguments" : plural(given, "argument"))
        + ", but " + ctx.kernel().description() + " " + kind + parameters(arity) + ": " + failure);
  }

  /** {@code 1 parameter}, {@code 2 or more parameters}, {@code no parameters}. */
  private static String parameters(Arity a) {
    if (a.variadic()) return a.fixed() + " or more parameters";
    return a.fixed() == 0 ? "no parameters" : plural(a.fixed(), "parameter");
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
