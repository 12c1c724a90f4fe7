package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
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
        + " string literal from 6.13). modpost refuses the module otherwise; 'make nsdeps' adds the import.",
    tags = {"symbol", "namespace", "modpost", "correctness"},
    anchor = "modpost ERROR module uses symbol from namespace, but does not import it")
public final class NamespaceNotImportedRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Set<String> imported = imports(m);
      for (Map.Entry<String, List<SymbolResolution.Need>> e : ctx.symbols().namespacesUsed(m).entrySet()) {
        if (imported.contains(e.getKey())) continue;
        String line = "MODULE_IMPORT_NS(" + (quoted(ctx, m) ? "\"" + e.getKey() + "\"" : e.getKey()) + ");";
        List<Finding.Fix> fix = ModuleMacros.newLine(m).map(at -> List.of(at.insert("add " + line, line)))
            .orElse(List.of());
        for (SymbolResolution.Need n : e.getValue()) {
          SymbolResolution.Provider p = n.provider().get();
          List<Finding.Related> related = SymbolFindings.exportSite(p);
          ctx.report(n.at(), "module " + m.name() + " uses symbol " + p.symbol() + SymbolFindings.through(n)
              + " from namespace " + e.getKey() + " (exported by " + SymbolFindings.exporter(ctx, p)
              + ") but does not import it: add " + line, related, fix, List.of());
        }
      }
    }
  }

  private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)");

  /**
   * The form the target kernel takes: a string literal from 6.13 on, a bare token before;
   * the module's own imports, when it has some, show which its authors write.
   */
  static boolean quoted(RuleContext ctx, Module m) {
    for (ModInfo i : m.modInfo("import_ns")) {
      if (i.active()) return i.text().strip().startsWith("\"");
    }
    Matcher v = RELEASE.matcher(ctx.kernel().headers().release());
    if (!v.find()) return false;
    int major = Integer.parseInt(v.group(1));
    int minor = Integer.parseInt(v.group(2));
    return major > 6 || (major == 6 && minor >= 13);
  }

  static Set<String> imports(Module m) {
    return m.modInfo("import_ns").stream().filter(ModInfo::active).filter(ModInfo::resolved)
        .map(ModInfo::value).collect(Collectors.toSet());
  }
}
