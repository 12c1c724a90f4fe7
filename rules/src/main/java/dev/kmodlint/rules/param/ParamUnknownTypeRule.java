package dev.kmodlint.rules.param;

import dev.kmodlint.model.Code;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "param/unknown-type",
    level = Level.ERROR,
    summary = "Parameter type is not a standard type and the module defines no param_ops_<type>",
    description = "module_param(name, type, perm) pastes param_ops_##type and param_check_##type: a type"
        + " other than byte, short, ushort, int, uint, long, ulong, ullong, hexint, charp, bool, invbool,"
        + " bint or bool_enable_only needs the module's own param_ops_<type>, else the build fails.",
    tags = {"param", "correctness"},
    anchor = "build error")
public final class ParamUnknownTypeRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Code code = m.code();
      for (ModuleParam p : code.params()) {
        if (p.isCallback() || p.isString() || Params.STANDARD_TYPES.containsKey(p.type())) continue;
        String ops = "param_ops_" + p.type();
        boolean defined = code.variables().stream().anyMatch(v -> v.name().equals(ops))
            || code.functions().stream().anyMatch(f -> f.name().equals(ops));
        if (!defined)
          ctx.report(p.position(), "parameter " + p.name() + " has type '" + p.type()
              + "', which is no standard parameter type, and the module defines no " + ops);
      }
    }
  }
}
