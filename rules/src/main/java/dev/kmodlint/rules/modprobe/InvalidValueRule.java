package dev.kmodlint.rules.modprobe;

import dev.kmodlint.deploy.KernelParamParser;
import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModprobeFile;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@RuleInfo(
    id = "modprobe/invalid-value",
    level = Level.ERROR,
    summary = "options MOD p=v where v does not parse for p's type (integer range, bool spelling, array size,"
        + " string length)",
    description = "The kernel parses every 'options' value with the setter of the parameter's type"
        + " (kernel/params.c): kstrto* with base 0 and the type's range for integers, kstrtobool for"
        + " bool/invbool/bint, at most 1024 bytes for charp, less than the buffer for module_param_string,"
        + " comma-separated elements up to the array size for arrays. A value it rejects makes the whole"
        + " module load fail (\"invalid for parameter\"). Parameters with their own ops (module_param_cb,"
        + " custom types) and sizes given by unevaluated macros are skipped.",
    tags = {"modprobe", "deployment", "correctness"},
    anchor = "loader: invalid for parameter (load fails)")
public final class InvalidValueRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    Map<String, List<Module>> scanned = ModprobeTargets.scannedModules(ctx.project());
    for (ModprobeFile.Command c : ModprobeTargets.optionsCommands(ctx.project())) {
      List<Module> modules = scanned.get(c.module().orElseThrow().normalized());
      if (modules == null) continue;
      for (ModprobeFile.Option o : c.options()) {
        for (Module m : modules) {
          Code code = m.code();
          for (ModuleParam p : ModprobeTargets.params(List.of(m), o)) check(ctx, m, code, p, o);
        }
      }
    }
  }

  private static void check(RuleContext ctx, Module m, Code code, ModuleParam p, ModprobeFile.Option o) {
    String value = o.value().orElse(null);
    Optional<String> problem;
    if (p.isCallback() || !KernelParamParser.knows(p.type())) {
      ctx.skip(Level.WARNING, o.position(), "parameter " + p.name() + " of " + m.name() + " is set by its own kernel_param_ops"
          + " (" + p.type() + "), whose parser kmodlint does not know");
      return;
    }
    if (p.isString()) {
      Optional<Long> maxlen = stringBufferLength(code, p);
      if (maxlen.isEmpty()) {
        ctx.skip(Level.WARNING, o.position(), "the buffer length of " + p.name() + " (" + p.stringLength().orElse("?")
            + ") is not a number kmodlint can evaluate");
        return;
      }
      problem = value == null ? Optional.of("a string parameter needs a value ('name=value')")
          : KernelParamParser.copystring(value, maxlen.get());
    } else if (p.isArray()) {
      Optional<Long> size = arraySize(code, p);
      if (size.isEmpty()) {
        ctx.skip(Level.WARNING, o.position(), "the size of array " + p.variable() + " behind parameter " + p.name()
            + " is not a number kmodlint can evaluate");
        return;
      }
      problem = array(p.type(), value, size.get());
    } else {
      problem = KernelParamParser.scalar(p.type(), value);
    }
    problem.ifPresent(why -> ctx.report(o.position(), "invalid value for parameter " + p.name() + " of "
        + m.name() + " (" + describe(p) + "): " + why + "; the module fails to load",
        List.of(new Finding.Related(p.position(), p.form() + " " + p.name()))));
  }

  private static String describe(ModuleParam p) {
    if (p.isString()) return "string buffer " + p.variable();
    return p.isArray() ? "array of " + p.type() : p.type();
  }

  /**
   * The {@code len} of {@code module_param_string(name, buf, len, perm)}: its value, or for the
   * usual {@code sizeof(buf)} the length of the char array {@code buf}.
   */
  private static Optional<Long> stringBufferLength(Code code, ModuleParam p) {
    if (p.stringLengthValue().isPresent()) return p.stringLengthValue();
    String len = p.stringLength().orElse("").replaceAll("\\s+", "");
    if (!len.equals("sizeof(" + p.variable() + ")") && !len.equals("sizeof" + p.variable())) return Optional.empty();
    Optional<Long> size = Optional.empty();
    for (CVariable v : code.variables())
      if (v.name().equals(p.variable()) && v.pointers() == 0 && v.baseType().endsWith("char")
          && v.arrayLength().isPresent()) size = v.arrayLength();
    return size;
  }

  private static Optional<Long> arraySize(Code code, ModuleParam p) {
    if (!p.plainVariable()) return Optional.empty();
    Optional<Long> size = Optional.empty();
    for (CVariable v : code.variables())
      if (v.name().equals(p.variable()) && v.isArray() && v.arrayLength().isPresent()) size = v.arrayLength();
    return size;
  }

  /** param_array: comma-separated, at most {@code max} elements, each by the element type's setter. */
  private static Optional<String> array(String elementType, String value, long max) {
    if (value == null) return Optional.of("an array parameter needs a value ('name=v1,v2')");
    String[] elements = value.split(",", -1);
    if (elements.length > max)
      return Optional.of(elements.length + " values for an array of " + max + " (param_array: \"can only take "
          + max + " arguments\")");
    for (int i = 0; i < elements.length; i++) {
      Optional<String> p = KernelParamParser.scalar(elementType, elements[i]);
      if (p.isPresent()) return Optional.of("element " + (i + 1) + ": " + p.get());
    }
    return Optional.empty();
  }
}
