package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.NamespaceConventions;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.rules.ModuleMacros;
import dev.kmodlint.symbols.SymbolResolution;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

@RuleInfo(
    id = "symbol/namespace-not-imported",
    level = Level.ERROR,
    summary = "Uses a symbol exported in a namespace the module does not import",
    description = "A symbol exported with EXPORT_SYMBOL_NS[_GPL](sym, NS) (or under DEFAULT_SYMBOL_NAMESPACE)"
        + " may only be used by a module that says MODULE_IMPORT_NS(NS) (a bare token up to 6.12, a"
        + " string literal from 6.13, as the target kernel's headers take it). modpost refuses the module"
        + " otherwise; 'make nsdeps' adds the import. A namespace a kernel header imports itself (6.12's"
        + " <linux/pwm.h> imports PWM) is not reported.",
    tags = {"symbol", "namespace", "modpost", "correctness"},
    anchor = "modpost ERROR module uses symbol from namespace, but does not import it")
public final class NamespaceNotImportedRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    NamespaceConventions conventions = ctx.kernel().headers().namespaces();
    List<Module> builtIn = new java.util.ArrayList<>();
    for (Module m : ctx.project().modules()) {
      Set<String> imported = imports(ctx, m);
      for (Map.Entry<String, List<SymbolResolution.Need>> e : ctx.symbols().namespacesUsed(m).entrySet()) {
        String ns = e.getKey();
        if (imported.contains(ns)) continue;
        // 6.12's <linux/pwm.h> says MODULE_IMPORT_NS(PWM) itself: a module that calls pwm_get()
        // includes it (else the call would not compile), and imports PWM so
        if (conventions.importedByHeaders(ns)) continue;
        // modpost checks the imports of modules only: code linked into vmlinux needs none
        if (ctx.symbols().builtInByAssumedKernel(m)) {
          if (!builtIn.contains(m)) builtIn.add(m);
          continue;
        }
        String line = "MODULE_IMPORT_NS(" + (quoted(ctx, m) ? "\"" + ns + "\"" : ns) + ");";
        List<Finding.Fix> fix = ModuleMacros.newLine(m).map(at -> List.of(at.insert("add " + line, line)))
            .orElse(List.of());
        for (SymbolResolution.Need n : e.getValue()) {
          SymbolResolution.Provider p = n.provider().get();
          List<Finding.Related> related = SymbolFindings.exportSite(p);
          ctx.report(n.at(), "module " + m.name() + " uses symbol " + p.symbol() + SymbolFindings.through(n)
              + " from namespace " + ns + " (exported by " + SymbolFindings.exporter(ctx, p)
              + ") but does not import it: add " + line, related, fix, List.of());
        }
      }
    }
    if (!builtIn.isEmpty()) {
      Module first = builtIn.get(0);
      ctx.skip(Level.WARNING, first.anchor(), builtIn.size() + " module(s) use symbols of a namespace they do not"
          + " import, but the assumed kernel's configuration builds them into vmlinux (e.g. " + first.name() + ": "
          + String.join(", ", first.gatingConfigs()) + " is y), where modpost checks no imports; as modules another"
          + " configuration's exports apply, so these are not reported");
    }
  }

  private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)");

  /**
   * The form the target kernel takes, as its header index says (a string literal where its
   * MODULE_IMPORT_NS does not stringify, 6.13 on); for an index that does not say, the form of
   * the module's own imports, when it has some, else a string literal from 6.13 on.
   */
  static boolean quoted(RuleContext ctx, Module m) {
    NamespaceConventions.Form form = ctx.kernel().headers().namespaces().importNamespace();
    if (form != NamespaceConventions.Form.UNKNOWN) return form == NamespaceConventions.Form.STRING;
    for (ModInfo i : m.modInfo("import_ns")) {
      if (i.active()) return i.text().strip().startsWith("\"");
    }
    Matcher v = RELEASE.matcher(ctx.kernel().headers().release());
    if (!v.find()) return false;
    int major = Integer.parseInt(v.group(1));
    int minor = Integer.parseInt(v.group(2));
    return major > 6 || (major == 6 && minor >= 13);
  }

  /** The namespaces the module imports on the target kernel (see {@link SymbolFindings#importedNamespace}). */
  static Set<String> imports(RuleContext ctx, Module m) {
    return m.modInfo("import_ns").stream().filter(ModInfo::active).filter(ModInfo::resolved)
        .map(i -> SymbolFindings.importedNamespace(ctx, i)).collect(Collectors.toSet());
  }
}
