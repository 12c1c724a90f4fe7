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

@RuleInfo(
    id = "param/string-size",
    level = Level.ERROR,
    summary = "module_param_string length larger than the buffer",
    description = "module_param_string(name, buf, len, perm) lets param_set_copystring copy up to len bytes"
        + " into buf: a len larger than the buffer is a kernel memory overwrite that nothing checks."
        + " Pass sizeof(buf).",
    tags = {"param", "security"},
    // a value longer than the buffer overruns kernel memory; setting it takes root or the parameter's
    // write permission (CVSS 3.1 AV:L/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H = 6.7)
    securitySeverity = "6.7")
public final class ParamStringSizeRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Code code = m.code();
      for (ModuleParam p : code.params()) {
        if (!p.isString() || p.stringLengthValue().isEmpty()) continue;
        Optional<CVariable> v = Params.variable(code, p);
        if (v.isEmpty() || v.get().arrayLength().isEmpty()) continue;
        long len = p.stringLengthValue().get();
        long size = v.get().arrayLength().get();
        if (len > size)
          ctx.report(p.position(), "parameter " + p.name() + " may copy " + len + " bytes into " + v.get().name()
              + ", which holds " + size + ": use sizeof(" + v.get().name() + ")",
              List.of(new Finding.Related(v.get().position(), v.get().name() + " is " + v.get().typeText())));
      }
    }
  }
}
