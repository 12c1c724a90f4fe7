package dev.kmodlint.rules.license;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleObject;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SpdxTag;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import dev.kmodlint.rules.ModuleMacros;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "license/missing",
    level = Level.ERROR,
    summary = "Module has no MODULE_LICENSE in any of its objects",
    description = "Kbuild links all objects of a module (obj-m += foo.o, foo-y := a.o b.o) into one .ko;"
        + " when none of them declares MODULE_LICENSE, modpost stops the build with"
        + " 'ERROR: modpost: missing MODULE_LICENSE()'.",
    tags = {"license", "modpost", "correctness"},
    anchor = "modpost ERROR missing MODULE_LICENSE()")
public final class LicenseMissingRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (Module m : ctx.project().modules()) {
      if (!m.licenses().isEmpty()) continue;
      if (ctx.skipWhenIncomplete(m, "license", Level.WARNING)) continue;
      String objects = String.join(", ", m.objects().stream().map(ModuleObject::name).toList());
      List<Finding.Related> related = m.declaredAt()
          .map(p -> List.of(new Finding.Related(p, "module " + m.name() + " is built here")))
          .orElse(List.of());
      ctx.report(m.anchor(), "module " + m.name() + " has no MODULE_LICENSE() in any of its objects ("
          + objects + "): modpost refuses to build it; add e.g. MODULE_LICENSE(\"GPL\")", related, fix(m), List.of());
    }
  }

  /**
   * MODULE_LICENSE with the ident the SPDX tag of the file it goes in asks for, provided no
   * other file of the module says otherwise (license/spdx-mismatch would then fire); none when
   * the tag is missing or not plainly GPL or dual GPL.
   */
  static List<Finding.Fix> fix(Module m) {
    Optional<ModuleMacros.Place> place = ModuleMacros.newLine(m);
    if (place.isEmpty()) return List.of();
    Optional<SpdxTag> tag = m.sources().stream().filter(f -> f.path().equals(place.get().file())).findFirst()
        .flatMap(SourceFile::spdx).filter(t -> !t.expression().isEmpty());
    Optional<String> license = tag.flatMap(t -> Licenses.forSpdx(t.expression()));
    if (license.isEmpty()) return List.of();
    for (SourceFile f : m.sources()) {
      if (f.spdx().isPresent() && !f.spdx().get().expression().isEmpty()
          && SpdxMismatchRule.contradiction(f.spdx().get(), license.get()) != null) return List.of();
    }
    String line = "MODULE_LICENSE(\"" + license.get() + "\");";
    return List.of(place.get().insert("add " + line + " (as the file's SPDX-License-Identifier "
        + tag.get().expression() + " says)", line));
  }
}
