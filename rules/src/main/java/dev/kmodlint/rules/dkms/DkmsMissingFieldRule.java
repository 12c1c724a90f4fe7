package dev.kmodlint.rules.dkms;

import dev.kmodlint.model.DkmsConf;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.util.SortedMap;
import java.util.TreeMap;

@RuleInfo(
    id = "dkms/missing-field",
    level = Level.ERROR,
    summary = "A required dkms.conf field is missing (PACKAGE_NAME, PACKAGE_VERSION, BUILT_MODULE_NAME[i] for i > 0,"
        + " DEST_MODULE_LOCATION[i] where the file gives it for other modules)",
    description = "dkms refuses a dkms.conf without PACKAGE_NAME or PACKAGE_VERSION, and one whose module record"
        + " i > 0 (any of BUILT_MODULE_NAME[i], BUILT_MODULE_LOCATION[i], DEST_MODULE_NAME[i],"
        + " DEST_MODULE_LOCATION[i]) lacks BUILT_MODULE_NAME[i] (only record 0 defaults to PACKAGE_NAME):"
        + " 'Bad conf file'. A file that sets DEST_MODULE_LOCATION for some modules targets a dkms that needs"
        + " it, so a record without one is reported too. A file that runs shell commands may set a field"
        + " kmodlint cannot see; it is then skipped, not guessed.",
    tags = {"dkms", "deployment", "correctness"},
    anchor = "dkms Bad conf file")
public final class DkmsMissingFieldRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (DkmsConf c : ctx.project().deploy().dkmsConfs()) {
      if (!c.syntaxProblems().isEmpty()) continue; // dkms/syntax says what is wrong first
      SourcePosition top = SourcePosition.startOf(c.file());
      for (String field : new String[] {"PACKAGE_NAME", "PACKAGE_VERSION"}) {
        if (c.assigns(field)) continue;
        if (c.opaque()) ctx.skip(Level.WARNING, top, "this dkms.conf runs shell commands that may set " + field);
        else ctx.report(top, "dkms.conf has no " + field + ": dkms rejects the package ('Bad conf file')");
      }
      SortedMap<Integer, DkmsConf.Assignment> records = new TreeMap<>();
      for (String field : DkmsPackage.MODULE_FIELDS)
        c.array(field).forEach((i, a) -> records.putIfAbsent(i, a));
      SortedMap<Integer, DkmsConf.Assignment> names = c.array("BUILT_MODULE_NAME");
      SortedMap<Integer, DkmsConf.Assignment> destinations = c.array("DEST_MODULE_LOCATION");
      records.forEach((i, first) -> {
        if (i > 0 && !names.containsKey(i))
          report(ctx, c, first, "BUILT_MODULE_NAME[" + i + "]", "only record 0 defaults to PACKAGE_NAME");
        if (!destinations.isEmpty() && !destinations.containsKey(i))
          report(ctx, c, first, "DEST_MODULE_LOCATION[" + i + "]", "the file gives DEST_MODULE_LOCATION["
              + destinations.firstKey() + "], so its dkms needs one for every module");
      });
    }
  }

  private static void report(RuleContext ctx, DkmsConf c, DkmsConf.Assignment at, String field, String why) {
    if (c.opaque()) ctx.skip(Level.WARNING, at.position(), "this dkms.conf runs shell commands that may set " + field);
    else ctx.report(at.position(), "module record " + at.index() + " has no " + field + " (" + why + ")");
  }
}
