package dev.kmodlint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kmodlint.model.ExportDecl;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleObject;
import dev.kmodlint.model.ModuleParam;
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
  int print(Scan s, PrintWriter out) throws IOException {
    List<Map<String, Object>> modules = new ArrayList<>();
    Path cwd = Path.of("").toAbsolutePath();
    for (Module m : s.result().project().modules()) modules.add(describe(m, s.symbols(), cwd));
    if (format == Format.json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(modules));
    } else {
      boolean first = true;
      for (Map<String, Object> m : modules) {
        if (!first) out.println();
        first = false;
        for (Map.Entry<String, Object> e : m.entrySet()) {
          if (e.getValue() instanceof List<?> list) {
            for (Object v : list) out.println(String.format("%-15s %s", e.getKey() + ":", Terminal.printable(text(v))));
          } else {
            out.println(String.format("%-15s %s", e.getKey() + ":", Terminal.printable(text(e.getValue()))));
          }
        }
      }
    }
    return Main.OK;
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
