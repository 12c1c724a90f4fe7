package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.symbols.SymbolResolution;
import java.util.ArrayList;
import java.util.List;

@RuleInfo(
    id = "symbol/unresolved",
    level = Level.ERROR,
    summary = "An external symbol the module uses is defined and exported by nothing",
    description = "A module links only against symbols defined in its own objects or exported"
        + " (EXPORT_SYMBOL*) by the kernel or another module. A function it declares extern, a kernel"
        + " function the headers declare but the kernel does not export, or a function declared"
        + " nowhere ends as 'ERROR: modpost: \"x\" [m.ko] undefined!' (or, for the last, a compiler"
        + " error). Static inline functions and macros of the kernel headers are never reported.",
    tags = {"symbol", "modpost", "correctness"},
    anchor = "modpost ERROR \"x\" [m.ko] undefined!, or the compiler for a function declared nowhere")
public final class UnresolvedRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    SymbolResolution symbols = ctx.symbols();
    List<Module> outside = new ArrayList<>();
    for (Module m : ctx.project().modules()) {
      boolean checked = false;
      for (SymbolResolution.Need n : symbols.needs(m)) {
        if (n.provider().isPresent()) continue;
        if (!symbols.builtByAssumedKernel(m)) {
          outside.add(m);
          break;
        }
        if (!checked) {
          if (ctx.skipWhenIncomplete(m, "undefined symbols", Level.WARNING)) break;
          checked = true;
        }
        String nobody = "no object of module " + m.name() + " defines it, no scanned module exports it and "
            + ctx.kernel().description() + " does not export it";
        String why = switch (n.how()) {
          case DECLARED -> "the module declares " + n.symbol() + " but " + nobody;
          case HEADER_EXTERN -> "the kernel headers declare " + n.symbol() + " but " + nobody
              + " (it is internal to the kernel)";
          case UNDECLARED_CALL -> n.symbol() + "() is declared nowhere (not in the module, its headers or the"
              + " kernel's), " + nobody;
          default -> n.symbol() + ": " + nobody;
        };
        ctx.report(n.at(), why + ": modpost: \"" + n.symbol() + "\" [" + m.name() + ".ko] undefined!");
      }
    }
    if (!outside.isEmpty()) {
      Module first = outside.get(0);
      ctx.skip(Level.WARNING, first.anchor(), outside.size() + " module(s) use symbols the assumed kernel does not export, but are"
          + " gated by Kconfig symbols that are off in its configuration (e.g. " + first.name() + ": "
          + String.join(", ", first.gatingConfigs()) + "): its exports cannot tell what a configuration building"
          + " them would provide, so they are not reported");
    }
  }
}
