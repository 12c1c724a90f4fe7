package dev.kmodlint.rules.symbol;

import dev.kmodlint.model.CompileFlags;
import dev.kmodlint.model.ExportDecl;
import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.NamespaceConventions;
import dev.kmodlint.model.NamespaceConventions.Form;
import dev.kmodlint.model.NamespaceDefinition;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.symbols.SymbolResolution;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@RuleInfo(
    id = "symbol/namespace-syntax",
    level = Level.ERROR,
    summary = "DEFAULT_SYMBOL_NAMESPACE or MODULE_IMPORT_NS written in the form the target kernel does not take"
        + " (bare token vs string literal)",
    description = "Symbol namespaces went from bare tokens to string literals (6.13, and Debian's 6.12.117 for"
        + " DEFAULT_SYMBOL_NAMESPACE only). The form the target kernel's headers do not take breaks the module:"
        + " '#define DEFAULT_SYMBOL_NAMESPACE FOO' where the headers want \"FOO\" puts a bare name in the"
        + " assembler's .ascii (\"Error: junk at end of line\"), and \"FOO\" where they stringify it gives"
        + " the assembler two strings; the same with -DDEFAULT_SYMBOL_NAMESPACE in ccflags. MODULE_IMPORT_NS(\"FOO\")"
        + " where the headers stringify builds, but records the quotes, so the import matches no namespace"
        + " (an error when the module uses a symbol of it); MODULE_IMPORT_NS(FOO) where they want a string does"
        + " not compile. kmodlint asks the target kernel's own headers which form they take"
        + " (the header index); check against each kernel you build for (--kernel 6.1,6.12) and write the form"
        + " conditionally.",
    tags = {"symbol", "namespace", "compatibility", "correctness"},
    anchor = "assembler error (Error: junk at end of line) / modpost namespace error")
public final class SymbolNamespaceSyntaxRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    NamespaceConventions forms = ctx.kernel().headers().namespaces();
    Map<Path, CompileFlags> flags = flagsOfSources(ctx);
    for (Module m : ctx.project().modules()) {
      if (forms.defaultNamespace() == Form.UNKNOWN && forms.importNamespace() == Form.UNKNOWN) {
        if (usesNamespaces(m, flags)) skipUnknown(ctx, m);
        continue;
      }
      if (forms.defaultNamespace() != Form.UNKNOWN) defaultNamespace(ctx, m, forms.defaultNamespace(), flags);
      if (forms.importNamespace() != Form.UNKNOWN) imports(ctx, m, forms.importNamespace());
    }
  }

  private static boolean usesNamespaces(Module m, Map<Path, CompileFlags> flags) {
    if (!m.code().namespaceDefinitions().isEmpty() || !m.modInfo("import_ns").isEmpty()) return true;
    for (SourceFile f : m.sources()) if (flags.getOrDefault(f.path(), CompileFlags.NONE).defines()
        .containsKey("DEFAULT_SYMBOL_NAMESPACE")) return true;
    return false;
  }

  private static void skipUnknown(RuleContext ctx, Module m) {
    ctx.skip(Level.WARNING, m.anchor(), "module " + m.name() + ": the header index of " + ctx.kernel().description()
        + " does not say which form of symbol namespace its headers take (an index of an older kmodlint:"
        + " `kmodlint index` makes it again), so DEFAULT_SYMBOL_NAMESPACE and MODULE_IMPORT_NS are not checked");
  }

  /** {@code "FOO"} is a string literal; anything else that names a namespace is a token. */
  private static boolean isString(String value) {
    String v = value.strip();
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"");
  }

  private static String bare(String value) {
    String v = value.strip();
    return isString(v) ? v.substring(1, v.length() - 1) : v;
  }

  /** What the assembler makes of the wrong form. */
  private static String assemblerError(Form wanted) {
    return wanted == Form.STRING
        ? "its headers pass the namespace to the assembler as it is, which then gets a bare name where a string"
            + " must be ('Error: junk at end of line')"
        : "its headers make a string of it, and the quotes it has make the assembler's string two strings"
            + " ('Error: junk at end of line')";
  }

  private void defaultNamespace(RuleContext ctx, Module m, Form wanted, Map<Path, CompileFlags> flags) {
    Set<Path> withDefinition = new HashSet<>();
    for (NamespaceDefinition d : m.code().namespaceDefinitions()) {
      withDefinition.add(d.valueAt().file());
      if (!d.active() || !d.usedByExport() || d.value().isEmpty()) continue;
      if (isString(d.value()) == (wanted == Form.STRING)) continue;
      String right = wanted.write(bare(d.value()));
      ctx.report(d.valueAt(), "DEFAULT_SYMBOL_NAMESPACE is " + d.value() + ", but " + ctx.kernel().description()
          + " takes it as " + (wanted == Form.STRING ? "a string literal" : "a bare token") + " (" + right + "): "
          + assemblerError(wanted) + ", so the file's exports do not build", List.of(),
          List.of(new Finding.Fix("write the namespace as " + right, d.valueAt(), right)), List.of());
    }
    // -DDEFAULT_SYMBOL_NAMESPACE=... of the Makefile: reported once per Makefile assignment
    Map<String, SourcePosition> reported = new LinkedHashMap<>();
    for (SourceFile f : m.sources()) {
      if (withDefinition.contains(f.path())) continue; // the file's own #define wins (a redefinition warning)
      String value = flags.getOrDefault(f.path(), CompileFlags.NONE).defines().get("DEFAULT_SYMBOL_NAMESPACE");
      if (value == null || value.isBlank() || isString(value) == (wanted == Form.STRING)) continue;
      boolean exports = false;
      for (ExportDecl e : f.code().exports()) exports |= e.active() && e.takesDefaultNamespace();
      if (!exports) continue;
      SourcePosition at = flagAssignment(ctx, m, value).orElse(m.declaredAt().orElse(m.anchor()));
      if (reported.containsKey(value + at)) continue;
      reported.put(value + at, at);
      String right = wanted.write(bare(value));
      ctx.report(at, "the Makefile defines DEFAULT_SYMBOL_NAMESPACE as " + value + " for " + f.path().getFileName()
          + ", but " + ctx.kernel().description() + " takes it as " + (wanted == Form.STRING
              ? "a string literal (-DDEFAULT_SYMBOL_NAMESPACE='\"" + bare(value) + "\"')"
              : "a bare token (-DDEFAULT_SYMBOL_NAMESPACE=" + bare(value) + ")") + ": " + assemblerError(wanted)
          + ", so its exports do not build");
    }
  }

  /** Where a Makefile of the module assigns the flag: the line to fix. */
  private static Optional<SourcePosition> flagAssignment(RuleContext ctx, Module m, String value) {
    for (KbuildModel.Makefile mk : ctx.project().kbuild().makefiles()) {
      if (!mk.directory().equals(m.directory())) continue;
      for (KbuildModel.Assignment a : mk.assignments())
        if (a.value().contains("DEFAULT_SYMBOL_NAMESPACE") && a.value().contains(bare(value))) return Optional.of(a.position());
    }
    return Optional.empty();
  }

  /**
   * {@code MODULE_IMPORT_NS}, by its argument as written: a bare token where the headers take a
   * string does not compile; a string where they stringify imports the name with its quotes,
   * which modpost refuses when the module uses a symbol of the namespace (an import of a
   * namespace the module does not use is {@code symbol/namespace-import-unused}'s).
   */
  private void imports(RuleContext ctx, Module m, Form wanted) {
    Map<String, List<SymbolResolution.Need>> used = ctx.symbols().namespacesUsed(m);
    for (ModInfo i : m.modInfo("import_ns")) {
      if (!i.active() || !i.resolved() || i.value().isEmpty()) continue;
      boolean string = SymbolFindings.importWrittenAsString(i);
      if (string == (wanted == Form.STRING)) continue;
      String ns = i.value();
      String right = "MODULE_IMPORT_NS(" + wanted.write(ns) + ")";
      if (wanted == Form.STRING) {
        ctx.report(i.position(), "MODULE_IMPORT_NS(" + ns + ") names the namespace as a bare token, but "
            + ctx.kernel().description() + " takes a string literal: " + right + "; as written, " + ns
            + " is an undeclared identifier and the module does not compile");
      } else if (used.containsKey(ns)) {
        ctx.report(i.position(), "MODULE_IMPORT_NS(\"" + ns + "\") names the namespace as a string literal, but "
            + ctx.kernel().description() + " takes a bare token (" + right + "): its headers make a string of the"
            + " argument, so the module imports \"" + ns + "\" with its quotes, which is no namespace, while it uses"
            + " symbols of " + ns + " (" + String.join(", ", used.get(ns).stream().map(SymbolResolution.Need::symbol)
                .distinct().limit(3).toList()) + "): modpost refuses it");
      }
    }
  }

  /** The compile flags of each source, as the Makefiles give them. */
  private static Map<Path, CompileFlags> flagsOfSources(RuleContext ctx) {
    Map<Path, CompileFlags> out = new LinkedHashMap<>();
    for (KbuildModel.Makefile mk : ctx.project().kbuild().makefiles()) {
      for (KbuildModel.Entry e : mk.entries())
        e.source().ifPresent(src -> out.putIfAbsent(src.toAbsolutePath().normalize(), e.flags()));
      for (KbuildModel.Composite c : mk.composites())
        for (KbuildModel.Part p : c.parts())
          p.source().ifPresent(src -> out.putIfAbsent(src.toAbsolutePath().normalize(), p.flags()));
    }
    return out;
  }
}
