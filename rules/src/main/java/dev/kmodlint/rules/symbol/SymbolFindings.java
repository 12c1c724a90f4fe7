package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.NamespaceConventions;
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

  /**
   * True when a {@code MODULE_IMPORT_NS} is written with a string literal ({@code "FOO"}), as
   * 6.13 takes it, rather than a bare token: the argument as written says (the value has the
   * quotes taken off).
   */
  static boolean importWrittenAsString(ModInfo imp) {
    String t = imp.text().strip();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"");
  }

  /**
   * The namespace a {@code MODULE_IMPORT_NS} imports on the target kernel, as modpost compares
   * it: the name; but written as a string where the headers stringify their argument (6.1,
   * 6.12.117), the name with its quotes, which matches no namespace. Where the target kernel's
   * form is not known, the name.
   */
  static String importedNamespace(RuleContext ctx, ModInfo imp) {
    NamespaceConventions.Form form = ctx.kernel().headers().namespaces().importNamespace();
    if (form == NamespaceConventions.Form.TOKEN && importWrittenAsString(imp)) return "\"" + imp.value() + "\"";
    return imp.value();
  }

  /** {@code MODULE_IMPORT_NS(FOO)} or {@code MODULE_IMPORT_NS("FOO")}, as the target kernel wants it. */
  static String importStatement(RuleContext ctx, String namespace) {
    return "MODULE_IMPORT_NS(" + ctx.kernel().headers().namespaces().importNamespace().write(namespace) + ")";
  }

  static void skipWithoutHeaders(RuleContext ctx, Module m, String what, Level level) {
    ctx.skip(level, m.anchor(), "no kernel header index for " + ctx.kernel().description()
        + ": symbols reached through header macros and inline functions are unknown, so " + what
        + " is checked only for names the module's own sources declare");
  }
}
