package dev.kmodlint.rules.symbol;

import dev.kmodlint.kernel.KernelConfig;
import dev.kmodlint.kernel.SourceExports;
import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleObject;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.symbols.SymbolResolution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleInfo(
    id = "symbol/unresolved",
    level = Level.ERROR,
    summary = "An external symbol the module uses is defined and exported by nothing",
    description = "A module links only against symbols defined in its own objects or exported"
        + " (EXPORT_SYMBOL*) by the kernel or another module. A function it declares extern, a kernel"
        + " function the headers declare but the kernel does not export, or a function declared"
        + " nowhere ends as 'ERROR: modpost: \"x\" [m.ko] undefined!' (or, for the last, a compiler"
        + " error). So does a name the assembler text of an asm() statement calls or jumps to; a label"
        + " that text defines resolves its own object's references, and every object's when the text makes"
        + " it global. Static inline functions and macros of the kernel headers are never reported, also where"
        + " the module declares them again (a compat prototype keeps the inline's internal linkage). A"
        + " symbol the kernel's source exports from code its configuration leaves out is a warning"
        + " naming the configuration symbols it needs, and so is one that only a part of the module the"
        + " configuration leaves out defines (foo-$(CONFIG_BAR) += bar.o with BAR off: its uses are mostly behind"
        + " header macros that drop them); a module of another architecture is not checked against this kernel's"
        + " exports.",
    tags = {"symbol", "modpost", "correctness"},
    anchor = "modpost ERROR \"x\" [m.ko] undefined!, or the compiler for a function declared nowhere")
public final class UnresolvedRule implements Rule {
  /**
   * Where the kernel source exports the symbol, when the configuration does not build that
   * code: "drivers/iio/adc/adi-axi-adc.c exports it, built with CONFIG_ADI_AXI_ADC (off)".
   */
  static Optional<String> notBuiltHere(Optional<SourceExports.SourceExport> export, KernelConfig config, String arch) {
    if (export.isEmpty()) return Optional.empty();
    SourceExports.SourceExport e = export.get();
    if (e.builtBy(config, arch)) return Optional.empty();
    if (!e.architecture().isEmpty() && !e.architecture().equals(arch))
      return Optional.of(e.file() + " exports it, for " + e.architecture() + " only");
    if (!e.listed()) return Optional.of(e.file() + " exports it, and no Makefile of the kernel builds it");
    List<String> off = e.missingConfigs(config);
    return Optional.of(e.file() + " exports it, built with " + String.join(" and ", off)
        + (off.size() == 1 ? ", which is off" : ", which are off"));
  }

  /**
   * The architecture of a module under {@code arch/NAME/} of a kernel tree (a directory with
   * its own {@code Kconfig}), else empty: code of every architecture, or out of the tree.
   */
  static Optional<String> architectureOf(Module m) {
    Path d = m.directory().toAbsolutePath().normalize();
    for (Path p = d; p != null && p.getParent() != null; p = p.getParent()) {
      Path parent = p.getParent();
      if (parent.getFileName() != null && parent.getFileName().toString().equals("arch")
          && Files.isRegularFile(p.resolve("Kconfig")))
        return Optional.of(p.getFileName().toString());
    }
    return Optional.empty();
  }

  /**
   * Where a part of {@code m} that the configuration leaves out defines {@code symbol} (a function
   * or object of external linkage), the message naming the part and why it is left out.
   */
  static Optional<Finding.Related> leftOutDefinition(Module m, String symbol) {
    for (ModuleObject o : m.leftOut()) {
      if (o.source().isEmpty()) continue;
      Code c = o.source().get().code();
      Optional<SourcePosition> at = c.functions().stream().filter(f -> f.definition() && !f.isStatic() && f.active()
          && f.name().equals(symbol)).map(CFunction::position).findFirst()
          .or(() -> c.variables().stream().filter(v -> v.definition() && !v.isStatic() && v.active()
              && v.name().equals(symbol)).map(CVariable::position).findFirst());
      if (at.isPresent())
        return Optional.of(new Finding.Related(at.get(), o.name() + (o.conditions().isEmpty() ? ""
            : ", " + String.join(", ", o.conditions()))));
    }
    return Optional.empty();
  }

  @Override
  public void check(RuleContext ctx) {
    SymbolResolution symbols = ctx.symbols();
    List<Module> outside = new ArrayList<>();
    List<Module> otherArchitecture = new ArrayList<>();
    Set<Module> builtIn = new LinkedHashSet<>();
    String arch = ctx.kernel().architecture().orElse("");
    Optional<KernelConfig> config = ctx.kernel().config();
    for (Module m : ctx.project().modules()) {
      boolean checked = false;
      for (SymbolResolution.Need n : symbols.needs(m)) {
        if (n.provider().isPresent()) continue;
        if (!symbols.builtByAssumedKernel(m)) {
          outside.add(m);
          break;
        }
        if (n.how() != SymbolResolution.How.UNDECLARED_CALL && symbols.builtInByAssumedKernel(m)) {
          builtIn.add(m);
          continue;
        }
        Optional<String> moduleArch = architectureOf(m);
        if (moduleArch.isPresent() && !arch.isEmpty() && !moduleArch.get().equals(arch)) {
          otherArchitecture.add(m);
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
          case ASSEMBLER -> "the assembler text of an asm() statement calls or jumps to " + n.symbol() + " but "
              + nobody;
          default -> n.symbol() + ": " + nobody;
        };
        Optional<String> unbuilt = config.flatMap(c -> notBuiltHere(ctx.kernel().sourceExport(n.symbol()), c, arch));
        if (unbuilt.isPresent()) {
          // the kernel's source exports it, from code this configuration leaves out: another
          // configuration links, this one does not
          ctx.report(Level.WARNING, n.at(), n.symbol() + " is not exported by " + ctx.kernel().description()
              + ", whose configuration leaves out the code that exports it: " + unbuilt.get() + "; built against it,"
              + " modpost: \"" + n.symbol() + "\" [" + m.name() + ".ko] undefined!", List.of());
          continue;
        }
        Optional<Finding.Related> leftOut = leftOutDefinition(m, n.symbol());
        if (leftOut.isPresent()) {
          // drivers/media/dvb-core: dvb_vb2.o only with DVB_MMAP, and its calls behind
          // if (dvb_vb2_is_streaming(...)), a macro of the kernel headers that is (0) without it
          ctx.report(Level.WARNING, n.at(), n.symbol() + " is defined only in a part of " + m.name() + " that the"
              + " configuration leaves out (" + leftOut.get().message() + "): a use the compiler keeps fails,"
              + " modpost: \"" + n.symbol() + "\" [" + m.name() + ".ko] undefined!; one behind a macro or inline"
              + " function of the kernel headers that drops it without that part (kmodlint does not read them)"
              + " builds", List.of(new Finding.Related(leftOut.get().position(), "defined here")));
          continue;
        }
        ctx.report(n.at(), why + ": modpost: \"" + n.symbol() + "\" [" + m.name() + ".ko] undefined!");
      }
    }
    if (!otherArchitecture.isEmpty()) {
      Module first = otherArchitecture.get(0);
      // a warning, as every skip of this error-level rule: an undefined symbol could hide behind it
      ctx.skip(Level.WARNING, first.anchor(), otherArchitecture.size() + " module(s) of another architecture than the assumed"
          + " kernel's (" + arch + "), e.g. " + first.name() + " of arch/" + architectureOf(first).orElse("?")
          + ": its exports are not theirs, so their symbols are not checked");
    }
    if (!builtIn.isEmpty()) {
      Module first = builtIn.iterator().next();
      ctx.skip(Level.WARNING, first.anchor(), builtIn.size() + " module(s) use symbols the assumed kernel does not export"
          + " that their sources or the kernel headers declare, but its configuration builds them into vmlinux (e.g. "
          + first.name() + ": " + String.join(", ", first.gatingConfigs()) + " is y): built in, they link against"
          + " all of vmlinux, not only its exports, and as modules another configuration's exports apply, so these are"
          + " not reported (a function declared nowhere still is)");
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
