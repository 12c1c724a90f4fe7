package dev.kmodlint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kmodlint.model.ExportDecl;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleObject;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.symbols.SymbolResolution;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kmodlint info}: what {@code modinfo} would print for each module once built, read from
 * the sources, plus {@code depends:} computed from the scan the way depmod would.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Print per module what modinfo would show once it is built, and its dependencies.")
final class InfoCommand extends ModuleScan {

  enum Format { text, json }

  @Option(names = "--format", defaultValue = "text", description = "text (default) or json")
  Format format;

  @Override
  boolean severalKernels() {
    return true;
  }

  @Override
  int print(Scan s, PrintWriter out) throws IOException {
    List<Map<String, Object>> modules = new ArrayList<>();
    Path cwd = Path.of("").toAbsolutePath();
    for (Module m : s.result().project().modules()) {
      Map<String, Object> d = describe(m, s.symbols(), cwd);
      if (!s.kernels().isEmpty()) {
        Map<String, Object> kernels = new LinkedHashMap<>();
        for (KernelScan k : s.kernels()) kernels.put(k.name(), onKernel(m, k, cwd));
        d.put("kernels", kernels);
      }
      modules.add(d);
    }
    if (format == Format.json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(modules));
    } else {
      boolean first = true;
      for (Map<String, Object> m : modules) {
        if (!first) out.println();
        first = false;
        for (Map.Entry<String, Object> e : m.entrySet()) {
          if (e.getKey().equals("kernels") && e.getValue() instanceof Map<?, ?> kernels) {
            for (Map.Entry<?, ?> k : kernels.entrySet()) {
              out.println("kernel " + Terminal.printable(String.valueOf(k.getKey())) + ":");
              if (k.getValue() instanceof Map<?, ?> fields)
                for (Map.Entry<?, ?> f : fields.entrySet()) line(out, "  ", String.valueOf(f.getKey()), f.getValue());
            }
          } else {
            line(out, "", e.getKey(), e.getValue());
          }
        }
      }
    }
    return Main.OK;
  }

  /** {@code key: value}, one line per value of a list (none for an empty one). */
  private static void line(PrintWriter out, String indent, String key, Object value) {
    int width = 15;
    if (value instanceof List<?> list) {
      for (Object v : list)
        out.println(indent + String.format("%-" + width + "s %s", key + ":", Terminal.printable(text(v))));
    } else {
      out.println(indent + String.format("%-" + width + "s %s", key + ":", Terminal.printable(text(value))));
    }
  }

  /**
   * What the module needs from kernel {@code k} and what breaks there: its dependencies, the
   * namespaces it uses (and whether it imports them), the GPL-only symbols it uses, the symbols
   * nothing provides, and the errors of that kernel's run in its files. A module that kernel's
   * build does not make ({@code obj-$(CONFIG_X)} off there) says so.
   */
  static Map<String, Object> onKernel(Module m, KernelScan k, Path root) {
    Map<String, Object> out = new LinkedHashMap<>();
    Module there = null;
    for (Module x : k.result().project().modules())
      if (x.name().equals(m.name()) && x.directory().equals(m.directory())) there = x;
    if (there == null) {
      out.put("built", "no (its Makefile does not build it for this kernel)");
      return out;
    }
    SymbolResolution symbols = k.symbols();
    out.put("depends", String.join(",", symbols.dependencies(there).stream().map(Module::name).toList()));
    out.put("kernel-depends", String.join(",", symbols.kernelDependencies(there)));
    java.util.Set<String> imported = new java.util.HashSet<>(values(there, "import_ns"));
    List<String> namespaces = new ArrayList<>();
    symbols.namespacesUsed(there).forEach((ns, needs) -> namespaces.add(ns + " (" + String.join(", ",
        needs.stream().map(SymbolResolution.Need::symbol).toList()) + ")" + (imported.contains(ns) ? ", imported"
        : ", not imported")));
    out.put("namespaces", namespaces);
    List<String> gpl = new ArrayList<>();
    for (SymbolResolution.Need n : symbols.needs(there)) {
      if (n.provider().isEmpty() || !n.provider().get().gplOnly()) continue;
      gpl.add(n.symbol() + (n.written().equals(n.symbol()) ? "" : " (through " + n.written() + ")"));
    }
    out.put("gpl-only", gpl);
    List<String> unresolved = symbols.needs(there).stream().filter(n -> n.provider().isEmpty())
        .map(SymbolResolution.Need::symbol).toList();
    if (!unresolved.isEmpty()) out.put("unresolved", String.join(",", unresolved));
    java.util.Set<Path> files = new java.util.HashSet<>();
    for (SourceFile f : there.sources()) {
      files.add(f.path());
      files.addAll(f.localIncludes());
    }
    there.declaredAt().ifPresent(p -> files.add(p.file()));
    List<String> breaks = new ArrayList<>();
    for (Finding f : k.result().findings()) {
      if (f.level() != dev.kmodlint.model.Level.ERROR) continue;
      if (!files.contains(f.position().file()) && !f.position().equals(there.anchor())) continue;
      breaks.add(rel(root, f.position().file()) + ":" + f.position().line() + ": " + f.message() + " [" + f.ruleId()
          + "]");
    }
    out.put("breaks", breaks.isEmpty() ? List.of("nothing kmodlint finds") : breaks);
    return out;
  }

  private static String text(Object v) {
    if (v instanceof Map<?, ?> p) {
      // parm: name:description (type) perm
      return p.get("name") + ":" + (p.get("description") == null ? "" : p.get("description")) + " (" + p.get("type") + ")"
          + (p.get("permission") == null ? "" : " perm " + p.get("permission"));
    }
    return String.valueOf(v);
  }

  static Map<String, Object> describe(Module m, SymbolResolution symbols, Path root) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("module", m.name());
    out.put("directory", rel(root, m.directory()));
    out.put("objects", String.join(" ", m.objects().stream().map(ModuleObject::name).toList()));
    for (String tag : List.of("license", "description", "author", "version", "alias", "firmware", "softdep")) {
      List<String> values = values(m, tag);
      if (values.isEmpty()) continue;
      out.put(tag, values.size() == 1 && !tag.equals("alias") && !tag.equals("author") ? values.get(0) : values);
    }
    List<Map<String, Object>> params = new ArrayList<>();
    for (ModuleParam p : m.code().params()) {
      if (!p.active()) continue;
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("name", p.name());
      pm.put("type", p.type());
      pm.put("permission", p.permission().value().map(v -> String.format("0%o", v)).orElse(p.permission().text()));
      pm.put("description", m.code().paramDescriptions().stream().filter(d -> d.tag().equals(p.name()))
          .map(d -> d.value() != null ? d.value() : d.text()).findFirst().orElse(null));
      params.add(pm);
    }
    if (!params.isEmpty()) out.put("parm", params);
    List<String> exports = new ArrayList<>();
    for (SymbolResolution.ScannedExport e : symbols.exportsOf(m)) {
      ExportDecl d = e.decl();
      exports.add(d.symbol() + " (" + (d.gplOnly() ? "EXPORT_SYMBOL_GPL" : "EXPORT_SYMBOL")
          + d.namespace().map(ns -> ", namespace " + ns).orElse("") + ")");
    }
    if (!exports.isEmpty()) out.put("exports", exports);
    List<String> imports = values(m, "import_ns");
    if (!imports.isEmpty()) out.put("import_ns", imports);
    out.put("depends", String.join(",", symbols.dependencies(m).stream().map(Module::name).toList()));
    out.put("kernel-depends", String.join(",", symbols.kernelDependencies(m)));
    List<String> unresolved = symbols.needs(m).stream().filter(n -> n.provider().isEmpty())
        .map(SymbolResolution.Need::symbol).toList();
    if (!unresolved.isEmpty()) out.put("unresolved", String.join(",", unresolved));
    return out;
  }

  private static List<String> values(Module m, String tag) {
    return m.modInfo(tag).stream().filter(ModInfo::active).map(i -> i.value() != null ? i.value() : i.text()).toList();
  }

  /**
   * Where the module is, as the user can go there: relative to {@code cwd} when under it (as
   * findings name their files), else the absolute path; never relative to the scan root,
   * which says "." for every module scanned by its own directory.
   */
  static String rel(Path cwd, Path p) {
    Path abs = p.toAbsolutePath().normalize();
    if (!abs.startsWith(cwd)) return abs.toString();
    String r = cwd.relativize(abs).toString();
    return r.isEmpty() ? "." : r;
  }
}
