package dev.kmodlint.rules.param;

import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleInfo(
    id = "param/type-mismatch",
    level = Level.ERROR,
    summary = "Variable's C type does not match the parameter type (incl. arrays, charp vs char[])",
    description = "param_check_<type> makes a pointer to the variable and returns it as a pointer to the"
        + " type's C type: a different type fails the build (-Werror=incompatible-pointer-types). A slip"
        + " in signedness alone builds and is param/signedness-mismatch.",
    tags = {"param", "correctness"},
    anchor = "build error via param_check_* (signedness slips through)")
public final class ParamTypeMismatchRule implements Rule {
  private static final Set<String> KNOWN_BASES = Set.of("char", "signed char", "unsigned char", "short",
      "unsigned short", "int", "unsigned int", "long", "unsigned long", "long long", "unsigned long long", "bool");

  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Code code = m.code();
      for (ModuleParam p : code.params()) {
        if (p.isCallback()) continue;
        Optional<CVariable> var = Params.variable(code, p);
        if (var.isEmpty()) continue; // param/undeclared-variable
        CVariable v = var.get();
        String problem = p.isString() ? stringProblem(v) : problem(p, v);
        if (problem == null || signednessOnly(problem)) continue; // param/signedness-mismatch
        if (problem.isEmpty()) {
          ctx.skip(Level.WARNING, p.position(), "the type of " + v.name() + " (" + v.typeText() + ") is defined in a header"
              + " kmodlint does not read");
          continue;
        }
        ctx.report(p.position(), "parameter " + p.name() + ": " + problem,
            List.of(new Finding.Related(v.position(), v.name() + " is declared " + v.typeText())));
      }
    }
  }

  static boolean signednessOnly(String problem) {
    return problem.contains(SIGNEDNESS);
  }

  static final String SIGNEDNESS = "only the signedness differs";

  private static String stringProblem(CVariable v) {
    if (v.isArray() && v.pointers() == 0 && v.baseType().equals("char")) return null;
    return "module_param_string needs a char array, but " + v.name() + " is " + v.typeText();
  }

  /** Null when fine, "" when the variable's type cannot be known, else the message. */
  static String problem(ModuleParam p, CVariable v) {
    String want = Params.STANDARD_TYPES.get(p.type());
    if (want == null) return null; // a custom type: param/unknown-type or the module's own ops
    if (!KNOWN_BASES.contains(v.baseType())) return "";
    if (p.isArray() && !v.isArray())
      return p.form() + " needs an array, but " + v.name() + " is " + v.typeText();
    if (!p.isArray() && v.isArray())
      return v.name() + " is an array (" + v.typeText() + "): use module_param_array"
          + (p.type().equals("charp") && v.baseType().equals("char") ? " or, for a string buffer, module_param_string" : "");
    boolean charp = p.type().equals("charp");
    int wantPointers = charp ? 1 : 0;
    String wantBase = charp ? "char" : want;
    if (v.pointers() == wantPointers && v.baseType().equals(wantBase)) return null;
    boolean sign = v.pointers() == wantPointers && v.baseType().replace("unsigned ", "").equals(wantBase.replace("unsigned ", ""));
    return "type " + p.type() + " needs a " + want + (p.isArray() ? " array" : "") + ", but " + v.name() + " is "
        + v.typeText() + (sign ? " (" + SIGNEDNESS + ": it builds, and the value is read with the wrong sign)"
        : " (the build fails in param_check_" + p.type() + ")");
  }
}
