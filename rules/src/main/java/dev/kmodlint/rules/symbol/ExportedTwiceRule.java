package dev.kmodlint.rules.symbol;

import dev.kmodlint.kernel.KernelExports;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.symbols.SymbolResolution;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

@RuleInfo(
    id = "symbol/exported-twice",
    level = Level.ERROR,
    summary = "Two scanned modules, or a module and the kernel, export the same symbol",
    description = "A symbol name can be exported once: modpost stops with ''x' exported twice' when a"
        + " module exports what vmlinux or another module of the same build exports, and the module"
        + " loader refuses the second of two loaded modules that export the same name ('exports"
        + " duplicate symbol'). modpost does not compare two external modules built separately;"
        + " kmodlint does. Against a module of the kernel (not vmlinux) it is a warning: modpost accepts"
        + " it for an external module, and the two conflict only when both are loaded. A module gated by a CONFIG symbol (obj-$(CONFIG_X)) is compared only with"
        + " the scan: the assumed kernel may have it built in. Two scanned modules of which the assumed kernel's"
        + " configuration does not build one are a warning: only another configuration builds both, if Kconfig allows it.",
    tags = {"symbol", "modpost", "correctness"},
    anchor = "modpost ERROR exported twice (not between external modules)")
public final class ExportedTwiceRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    SymbolResolution symbols = ctx.symbols();
    Map<String, List<SymbolResolution.ScannedExport>> bySymbol = new TreeMap<>();
    for (SymbolResolution.ScannedExport e : symbols.scannedExports())
      if (e.module().isPresent()) bySymbol.computeIfAbsent(e.decl().symbol(), k -> new java.util.ArrayList<>()).add(e);
    for (Map.Entry<String, List<SymbolResolution.ScannedExport>> en : bySymbol.entrySet()) {
      List<SymbolResolution.ScannedExport> all = en.getValue();
      SymbolResolution.ScannedExport first = all.get(0);
      for (SymbolResolution.ScannedExport e : all.subList(1, all.size())) {
        if (e.module().get() == first.module().get()) continue; // one module: the compiler's business
        String both = "module " + e.module().get().name() + " exports " + en.getKey() + ", which module "
            + first.module().get().name() + " exports too";
        List<Finding.Related> other = List.of(new Finding.Related(first.decl().position(), "the other export"));
        List<String> off = new java.util.ArrayList<>();
        for (Module m : List.of(first.module().get(), e.module().get()))
          if (!symbols.builtByAssumedKernel(m)) off.add(m.name() + " (" + String.join(", ", m.gatingConfigs()) + ")");
        if (!off.isEmpty()) {
          // sound/: ac97's snd_ac97_compat.o only where AC97_BUS is off, which builds ac97_bus
          ctx.report(Level.WARNING, e.decl().position(), both + ", but the assumed kernel's configuration does not"
              + " build " + String.join(" nor ", off) + ": a configuration that builds both fails ('exported twice'),"
              + " if Kconfig allows one", other);
          continue;
        }
        ctx.report(e.decl().position(), both + ": modpost or the module loader refuses the second", other);
      }
      Module m = first.module().get();
      if (!m.gatingConfigs().isEmpty()) continue;
      Optional<KernelExports.Export> k = ctx.kernel().exports().lookup(en.getKey());
      if (k.isEmpty()) continue;
      String kmod = k.get().module().substring(k.get().module().lastIndexOf('/') + 1);
      if (normalize(kmod).equals(normalize(m.name()))) continue; // a newer version of that very module
      if (kmod.equals("vmlinux")) {
        ctx.report(first.decl().position(), "module " + m.name() + " exports " + en.getKey() + ", which vmlinux of "
            + ctx.kernel().description() + " already exports: modpost stops the build ('exported twice')");
      } else {
        // modpost checks an external module's exports against vmlinux only (6.1 sym_add_exported)
        ctx.report(Level.WARNING, first.decl().position(), "module " + m.name() + " exports " + en.getKey()
            + ", which kernel module " + kmod + " of " + ctx.kernel().description() + " exports too: the build"
            + " accepts it, but the loader refuses whichever of the two modules loads second", List.of());
      }
    }
  }

  private static String normalize(String module) {
    return module.replace('-', '_');
  }
}
