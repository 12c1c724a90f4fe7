package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rules.license.Licenses;
import dev.kmodlint.symbols.SymbolResolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the symbol rules share: license compatibility as modpost sees it, and how to name a provider. */
final class SymbolFindings {
  private SymbolFindings() {}

  /**
   * The first license of the module that is not GPL-compatible (modpost: one such
   * MODULE_LICENSE makes the module GPL-incompatible; none at all counts as compatible);
   * empty when the module is compatible. A license given by a macro kmodlint cannot read
   * makes the rule skip the module.
   */
  static Optional<ModInfo> incompatibleLicense(RuleContext ctx, Module m) {
    for (ModInfo lic : m.licenses()) {
      if (!lic.active()) continue;
      if (!lic.resolved()) {
        ctx.skip(Level.WARNING, lic.position(), "module " + m.name() + ": its license is given as " + lic.text()
            + ", which kmodlint cannot evaluate, so its use of GPL-only symbols is not checked");
        return Optional.empty();
      }
      if (!Licenses.gplCompatible(lic.value())) return Optional.of(lic);
    }
    return Optional.empty();
  }

  /** "vmlinux (Debian linux-headers 6.1...)" or "module foo". */
  static String exporter(RuleContext ctx, SymbolResolution.Provider p) {
    if (p.scanned().isPresent()) {
      return p.scanned().get().module().map(x -> "module " + x.name())
          .orElse("built-in code " + p.scanned().get().decl().position().file().getFileName());
    }
    return (p.module().equals("vmlinux") ? "vmlinux" : "module " + p.module()) + " of "
        + ctx.kernel().description();
  }

  /** Where the provider's export is written, when it is in the scan. */
  static List<Finding.Related> exportSite(SymbolResolution.Provider p) {
    List<Finding.Related> out = new ArrayList<>();
    p.scanned().ifPresent(e -> out.add(new Finding.Related(e.decl().position(), "the export of " + p.symbol())));
    return out;
  }

  /** "through kzalloc()" when the source wrote a header macro or inline function. */
  static String through(SymbolResolution.Need n) {
    return n.written().equals(n.symbol()) ? "" : " (through " + n.written() + ", a kernel header macro or inline function)";
  }

  static void skipWithoutHeaders(RuleContext ctx, Module m, String what, Level level) {
    ctx.skip(level, m.anchor(), "no kernel header index for " + ctx.kernel().description()
        + ": symbols reached through header macros and inline functions are unknown, so " + what
        + " is checked only for names the module's own sources declare");
  }
}
