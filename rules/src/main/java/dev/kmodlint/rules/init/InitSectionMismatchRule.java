package dev.kmodlint.rules.init;

import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CReference;
import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.Section;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

@RuleInfo(
    id = "init/section-mismatch",
    level = Level.WARNING,
    summary = "Code or data outside init references __init code/__initdata (or __exit from non-exit, init<->exit)",
    description = "__init code and __initdata are freed once the module is initialised, __exit code is"
        + " dropped when the code is built in: a reference from anywhere else is a use-after-free waiting"
        + " for its call. modpost reports those it sees in .text and writable .data; kmodlint also reports"
        + " references from const/__read_mostly data and from static inline functions, which modpost misses"
        + " (rodata is not checked; inlining hides the reference).",
    tags = {"init", "correctness", "modpost"},
    anchor = "modpost WARNING section mismatch in reference (misses const data and inlined calls)")
public final class InitSectionMismatchRule implements Rule {
  /** modpost's allow-list: data symbols that may point at init code (scripts/mod/modpost.c, 6.1). */
  private static final Pattern DATA_TO_INIT_ALLOWED =
      Pattern.compile(".*(_template|_timer|_sht|_ops|_probe|_probe_one|_console)");
  private static final Pattern DATA_TO_EXIT_ALLOWED = Pattern.compile(".*driver");

  /** {@code sectionAt}: the definition, or the other declaration whose annotation gave it its section. */
  private record Def(String name, Section section, SourcePosition position, SourcePosition sectionAt,
      boolean function, boolean inline, boolean fromMacro) {}

  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      Code code = m.code();
      Map<String, Def> defs = new HashMap<>();
      for (CFunction f : code.functions())
        if (f.definition()) defs.merge(f.name(), new Def(f.name(), f.section(), f.position(),
            f.annotationAt().isPresent() ? f.position() : Entries.sectionWrittenAt(code, f), true, f.isInline(), f.fromMacro()), InitSectionMismatchRule::prefer);
      for (CVariable v : code.variables())
        if (v.definition()) defs.merge(v.name(), new Def(v.name(), v.section(), v.position(),
            v.annotationAt().isPresent() ? v.position() : Entries.sectionWrittenAt(code, v), false, false, v.fromMacro()), InitSectionMismatchRule::prefer);
      Set<String> seen = new HashSet<>();
      for (CReference r : code.references()) {
        Def from = defs.get(r.from());
        Def to = defs.get(r.to());
        // a macro that defines several functions hides which of them its __init belongs to
        if (from == null || to == null || from.fromMacro() || to.fromMacro()) continue;
        if (!seen.add(r.from() + "->" + r.to())) continue;
        String why = mismatch(from, to);
        if (why == null) continue;
        ctx.report(r.position(), r.from() + " -> " + r.to() + ": " + r.from() + " (" + from.section().elfName()
            + ") references " + r.to() + " (" + to.section().elfName() + "), " + why,
            List.of(new Finding.Related(to.sectionAt(), r.to() + " is " + to.section().annotation())),
            List.of(),
            List.of(new Finding.Related(from.position(), r.from() + " in " + from.section().elfName()),
                new Finding.Related(r.position(), (r.kind() == CReference.Kind.CALL ? "calls " : "refers to ") + r.to()),
                new Finding.Related(to.position(), r.to() + " in " + to.section().elfName())));
      }
    }
  }

  /** Why from -> to is a mismatch, or null. */
  private static String mismatch(Def from, Def to) {
    Section fs = from.section();
    Section ts = to.section();
    if (!ts.isInit() && !ts.isExit()) return null;
    if (fs.isRef()) return null;
    if (fs.isInit()) return ts.isExit() ? "which is discarded when the code is built in" : null;
    if (fs.isExit()) return ts.isInit() ? "which is freed long before the module is unloaded" : null;
    String after = ts.isInit() ? "which is freed after initialisation" : "which is discarded when the code is built in";
    if (!from.function()) {
      if (ts.isInit() && DATA_TO_INIT_ALLOWED.matcher(from.name()).matches()) return null;
      if (ts.isExit() && DATA_TO_EXIT_ALLOWED.matcher(from.name()).matches()) return null;
      if (fs == Section.RODATA || fs == Section.READ_MOSTLY)
        return after + " (modpost does not check " + fs.elfName() + ": it misses this one)";
      return after;
    }
    if (from.inline()) return after + " (when the inline function is inlined, modpost misses this one)";
    return after;
  }

  private static Def prefer(Def a, Def b) {
    return b.section().isInit() || b.section().isExit() ? b : a;
  }
}
