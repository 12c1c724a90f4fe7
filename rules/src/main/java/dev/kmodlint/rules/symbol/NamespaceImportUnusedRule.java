package dev.kmodlint.rules.symbol;

import dev.kmodlint.kernel.SourceExports;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.symbols.SymbolResolution;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleInfo(
    id = "symbol/namespace-import-unused",
    level = Level.WARNING,
    summary = "MODULE_IMPORT_NS of a namespace none of whose symbols the module uses",
    description = "An import that nothing needs is left over from removed code or names the wrong"
        + " namespace (the one actually needed is then missing too). 'make nsdeps' removes such"
        + " imports. Not reported when a symbol the module uses is exported in that namespace by an"
        + " object the target configuration does not build (the import is needed where it is built),"
        + " nor, with a note, when a symbol it declares itself is exported by nothing kmodlint knows (a"
        + " module outside the scan: its namespace cannot be known).",
    tags = {"symbol", "namespace", "maintainability"},
    anchor = "make nsdeps")
public final class NamespaceImportUnusedRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Set<String> reported = new HashSet<>();
      for (ModInfo imp : m.modInfo("import_ns")) {
        if (!imp.active() || !imp.resolved()) continue;
        // a namespace the module uses, imported in the form this kernel does not take, is
        // symbol/namespace-syntax's business
        String ns = imp.value();
        if (ctx.symbols().namespacesUsed(m).containsKey(ns) || !reported.add(ns)) continue;
        if (!ctx.symbols().headersKnown()) {
          SymbolFindings.skipWithoutHeaders(ctx, m, "namespace use", Level.NOTE);
          break;
        }
        if (ctx.skipWhenIncomplete(m, "namespace imports")) break;
        // a symbol of the namespace the module uses, exported by an object this configuration
        // does not build: on a kernel configured to build it the import is needed
        if (usedButUnbuilt(ctx, m, ns)) continue;
        Optional<SymbolResolution.Need> unknown = unresolvedOfUnknownNamespace(ctx, m);
        if (unknown.isPresent()) {
          ctx.skip(imp.position(), "module " + m.name() + ": MODULE_IMPORT_NS(" + ns + ") may be needed by "
              + unknown.get().symbol() + ", which nothing exports in this configuration and whose namespace"
              + " cannot be known (not an export of the kernel source: a module outside the scan?)");
          continue;
        }
        ctx.report(imp.position(), "module " + m.name() + " imports namespace " + ns
            + " but uses none of its symbols: remove " + SymbolFindings.importStatement(ctx, ns) + " or check the name");
      }
    }
  }

  private static List<SymbolResolution.Need> unresolved(RuleContext ctx, Module m) {
    return ctx.symbols().needs(m).stream().filter(n -> n.provider().isEmpty()).toList();
  }

  private static boolean usedButUnbuilt(RuleContext ctx, Module m, String namespace) {
    Optional<SourceExports> source = ctx.kernel().sourceExports();
    if (source.isEmpty()) return false;
    for (SymbolResolution.Need n : unresolved(ctx, m))
      for (SourceExports.SourceExport e : source.get().all(n.symbol()))
        if (e.kind() == SourceExports.Kind.EXPORT && e.namespace().equals(namespace)) return true;
    return false;
  }

  /**
   * An unresolved symbol whose exporter, and so its namespace, is unknown: one the module's own
   * sources declare (a prototype of another module's function) that the kernel source exports
   * nowhere, or, without the kernel source's exports, also one the kernel headers declare. A name
   * the kernel headers declare but its source never exports is internal to the kernel, and a name
   * declared nowhere does not compile: neither can be another module's export.
   */
  private static Optional<SymbolResolution.Need> unresolvedOfUnknownNamespace(RuleContext ctx, Module m) {
    Optional<SourceExports> source = ctx.kernel().sourceExports();
    for (SymbolResolution.Need n : unresolved(ctx, m)) {
      if (source.isEmpty()) {
        if (n.how() == SymbolResolution.How.DECLARED || n.how() == SymbolResolution.How.HEADER_EXTERN) return Optional.of(n);
      } else if (n.how() == SymbolResolution.How.DECLARED
          && source.get().all(n.symbol()).stream().noneMatch(e -> e.kind() == SourceExports.Kind.EXPORT)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }
}
